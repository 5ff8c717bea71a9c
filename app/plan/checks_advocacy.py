"""Soft (W) checks of the advocacy plan (G) and its links to D, F and H. Each stays quiet when
the answers it needs are not there yet: missing answers are the business of R/R1 rules."""
from __future__ import annotations

import datetime as dt

from app.plan.checks_common import ADVOCACY_SOLVERS, Check, day, filled_rows, names, warn
from app.plan.computed import as_date, choice_slug, ref_ids
from app.plan.content import Template
from app.plan.data import PlanData, RowData, is_empty
from app.plan.findings import Finding


# ---------------------------------------------------------------- G1 and D links

def adv_need_is_municipal(plan: PlanData, template: Template) -> list[Finding]:
    """The advocacy issue should be a need only the municipality or the state can solve."""
    need = plan.row("needs", next(iter(ref_ids(plan.value("adv_need"))), ""))
    solver = choice_slug(need.get("who_can_solve")) if need else None
    if need is None or solver is None or solver in ADVOCACY_SOLVERS:
        return []
    lt, en = names(plan, template, "needs", need)
    return [warn("adv_need", "adv_need",
                 f"Advokacijos klausimas susietas su poreikiu „{lt}“, kurį, jūsų vertinimu, galite "
                 "išspręsti patys. Advokacija skirta tam, ko be seniūnijos, savivaldybės ar valstybės "
                 "sprendimo pakeisti nepavyks. Pasirinkite kitą poreikį arba pataisykite, kas gali "
                 "jį išspręsti.",
                 f"The advocacy issue is linked to “{en}”, which you marked as solvable by yourselves. "
                 "Advocacy is for what needs a municipal or state decision. Pick another need or "
                 "correct who can solve it.")]


def needs_offered_for_advocacy(plan: PlanData, template: Template) -> list[Finding]:
    """Spec 1.13 link 1: at least one need must be an advocacy candidate for G1 to offer it."""
    solvers = [choice_slug(r.get("who_can_solve")) for r in plan.rows("needs")]
    answered = [s for s in solvers if s]
    if not answered or any(s in ADVOCACY_SOLVERS for s in answered):
        return []
    return [warn("needs", "needs",
                 "Nė vienas poreikis nepažymėtas kaip reikalaujantis seniūnijos, savivaldybės ar "
                 "valstybės sprendimo, o advokacijos klausimui reikia bent vieno tokio. Peržiūrėkite "
                 "stulpelį „Kas gali išspręsti“.",
                 "No need is marked as needing a municipal or state decision, and the advocacy issue "
                 "needs one. Review the “Who can solve it” column.")]


def problem_tree_for_adv_need(plan: PlanData, template: Template) -> list[Finding]:
    """The problem tree is optional, except for the advocacy issue (spec 1.4)."""
    need_id = next(iter(ref_ids(plan.value("adv_need"))), None)
    need = plan.row("needs", need_id) if need_id else None
    if need is None:
        return []
    for row in plan.rows("problem_tree"):
        if need_id in ref_ids(row.get("need")) and not is_empty(row.get("causes")):
            return []
    lt, en = names(plan, template, "needs", need)
    lt_hint, en_hint = "", ""
    if need_id not in ref_ids(plan.value("priorities")):
        lt_hint = " Pirmiausia įtraukite šį poreikį į prioritetus."
        en_hint = " First add this need to the priorities."
    return [warn("problem_tree", "problem_tree",
                 f"Advokacijos klausimui („{lt}“) reikia problemų medžio: įrašykite, kodėl taip yra "
                 f"ir prie ko tai veda.{lt_hint}",
                 f"The advocacy issue (“{en}”) needs a problem tree: its causes and effects.{en_hint}")]


# ---------------------------------------------------------------- G3–G6

def decision_window_past(plan: PlanData, template: Template) -> list[Finding]:
    window = as_date(plan.value("decision_window"))
    if window is None or window >= dt.date.today():
        return []
    return [warn("decision_window", "decision_window",
                 f"Sprendimo „langas“ ({day(window, 'lt')}) jau praėjo. Įrašykite artimiausią datą, "
                 "kada dar galima pateikti pasiūlymus.",
                 f"The window of opportunity ({day(window, 'en')}) has passed. Enter the next date "
                 "when proposals can still be made.")]


def _primary(plan: PlanData) -> list[RowData]:
    return [r for r in plan.rows("targets") if choice_slug(r.get("role")) == "primary"]


def primary_target_present(plan: PlanData, template: Template) -> list[Finding]:
    roles = [choice_slug(r.get("role")) for r in plan.rows("targets")]
    if not any(roles) or "primary" in roles:
        return []
    return [warn("targets", "targets",
                 "Galios žemėlapyje nėra nė vieno pirminio asmens – to, kuris priima sprendimą. "
                 "Bent vienam pažymėkite „Pirminis (sprendžia)“.",
                 "The power map has no primary target, the one who decides. Mark at least one "
                 "as “Primary (decides)”.")]


def primary_target_motives(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for row in _primary(plan):
        if is_empty(row.get("motives")) and not is_empty(row.get("name")):
            lt, en = names(plan, template, "targets", row)
            found.append(warn("targets", f"targets/{row.id}/motives",
                              f"Neįrašėte, kas svarbu sprendėjui „{lt}“. Pagalvokite, kas jam rūpi – "
                              "taip lengviau rasite žodžių, kurie įtikins.",
                              f"You have not noted what matters to “{en}”. Knowing it helps you "
                              "find words that convince."))
    return found


def opponents_empty(plan: PlanData, template: Template) -> list[Finding]:
    # asked only once the power map is started, so a new plan does not open with this question
    if plan.rows("opponents") or not plan.rows("targets"):
        return []
    return [warn("opponents", "opponents",
                 "Ar tikrai niekas neprieštaraus? Pagalvokite, kam šis pokytis gali nepatikti ir ką "
                 "jiems atsakysite.",
                 "Will really nobody object? Think who may dislike the change and what you would "
                 "answer.")]


# ---------------------------------------------------------------- G7–G11

def ask_per_primary_target(plan: PlanData, template: Template) -> list[Finding]:
    if not plan.rows("asks"):  # no asks at all: the R rule already says so
        return []
    asked = {i for r in plan.rows("asks") for i in ref_ids(r.get("target"))}
    found = []
    for row in _primary(plan):
        if row.id not in asked and not is_empty(row.get("name")):
            lt, en = names(plan, template, "targets", row)
            found.append(warn("asks", "asks",
                              f"Pirminiam sprendėjui „{lt}“ dar neįrašėte prašymo. Įrašykite, ko "
                              "konkrečiai iš jo prašote.",
                              f"There is no ask yet for the primary target “{en}”. Write what "
                              "exactly you ask of them."))
    return found


def audience_messages_needed(plan: PlanData, template: Template) -> list[Finding]:
    """Required when there is more than one kind of target (spec G8)."""
    roles = {choice_slug(r.get("role")) for r in plan.rows("targets")} - {None}
    if len(roles) < 2 or plan.rows("audience_messages"):
        return []
    return [warn("audience_messages", "audience_messages",
                 "Turite ir sprendžiančių, ir įtaką darančių asmenų. Parašykite bent vieną žinutę, "
                 "pritaikytą konkrečiam klausytojui.",
                 "You have both decision-makers and influencers. Write at least one message "
                 "framed for a particular listener.")]


def adv_actions_before_window(plan: PlanData, template: Template) -> list[Finding]:
    window = as_date(plan.value("decision_window"))
    if window is None:
        return []
    found = []
    for row in plan.rows("adv_actions"):
        when = as_date(row.get("date"))
        if when is not None and when > window:
            lt, en = names(plan, template, "adv_actions", row)
            found.append(warn("adv_actions", f"adv_actions/{row.id}/date",
                              f"Veiksmas „{lt}“ suplanuotas {day(when, 'lt')}, o tai vėliau nei "
                              f"sprendimo „langas“ ({day(window, 'lt')}). Perkelkite jį anksčiau, "
                              "kad spėtumėte.",
                              f"“{en}” is planned for {day(when, 'en')}, after the window of "
                              f"opportunity ({day(window, 'en')}). Move it earlier."))
    return found


def adv_actions_in_plan(plan: PlanData, template: Template) -> list[Finding]:
    """Spec 1.13 link 4: advocacy activities also appear in the action plan (H)."""
    if not filled_rows(plan, "adv_actions", "activity"):
        return []
    if any(choice_slug(r.get("kind")) == "advocacy" for r in plan.rows("actions")):
        return []
    return [warn("actions", "actions",
                 "Advokacijos veiksmai dar neperkelti į bendrą veiksmų planą. Įrašykite juos ten kaip "
                 "priemones, kurių pobūdis – „Advokacija“.",
                 "The advocacy activities are not in the action plan yet. Add them there as measures "
                 "of kind “Advocacy”.")]


def advocacy_objective_mirrored(plan: PlanData, template: Template) -> list[Finding]:
    """Spec 1.13 link 4: each advocacy objective is also an objective with is_advocacy."""
    wanted = len(filled_rows(plan, "adv_objectives", "text"))
    mirrored = sum(1 for r in plan.rows("objectives") if r.get("is_advocacy") is True)
    if wanted == 0 or mirrored >= wanted:
        return []
    return [warn("objectives", "objectives",
                 f"Advokacijos uždavinių: {wanted}, o plano uždavinių, pažymėtų „Advokacijos "
                 f"uždavinys“: {mirrored}. Kiekvieną advokacijos uždavinį įrašykite ir tarp plano "
                 "uždavinių, pažymėję šį langelį.",
                 f"Advocacy objectives: {wanted}; plan objectives marked “Advocacy objective”: "
                 f"{mirrored}. Add each advocacy objective to the plan's objectives and tick the box.")]


def adv_risks_empty(plan: PlanData, template: Template) -> list[Finding]:
    if plan.rows("adv_risks") or not plan.rows("adv_actions"):  # not before activities exist
        return []
    return [warn("adv_risks", "adv_risks",
                 "Neįrašėte nė vienos rizikos. Pagalvokite, kas galėtų nepavykti ir ką tada darysite.",
                 "No risks yet. Think what could go wrong and what you would do then.")]


ADVOCACY_CHECKS: dict[str, Check] = {
    "adv_need_is_municipal": adv_need_is_municipal,
    "needs_offered_for_advocacy": needs_offered_for_advocacy,
    "problem_tree_for_adv_need": problem_tree_for_adv_need,
    "decision_window_past": decision_window_past,
    "primary_target_present": primary_target_present,
    "primary_target_motives": primary_target_motives,
    "opponents_empty": opponents_empty,
    "ask_per_primary_target": ask_per_primary_target,
    "audience_messages_needed": audience_messages_needed,
    "adv_actions_before_window": adv_actions_before_window,
    "adv_actions_in_plan": adv_actions_in_plan,
    "advocacy_objective_mirrored": advocacy_objective_mirrored,
    "adv_risks_empty": adv_risks_empty,
}
