"""Soft (W) checks of the situation analysis and needs (C, D): enough SWOT points, evidence for
priorities, scores or votes that match the chosen method."""
from __future__ import annotations

import math

from app.plan.checks_common import lt_count, Check, filled_rows, label, names, num, warn
from app.plan.computed import (
    CRITERIA, SCORE_METHODS, VOTE_METHODS, as_number, choice_slug, ref_ids,
)
from app.plan.content import Template
from app.plan.data import PlanData, is_empty
from app.plan.findings import Finding


# ---------------------------------------------------------------- C, D: SWOT and needs

def swot_min_items(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for key in ("strengths", "weaknesses", "opportunities", "threats"):
        n = len(plan.rows(key))
        if 0 < n < 3:
            word = lt_count(n, "punktas", "punktai", "punktų")
            found.append(warn(key, key,
                              f"„{label(template, key)}“: kol kas tik {n} {word}. Pasistenkite "
                              "įrašyti bent 3.",
                              f"“{label(template, key, lang='en')}”: only {n} so far. Aim for "
                              "at least 3."))
    return found


def evidence_for_priorities(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for need_id in ref_ids(plan.value("priorities")):
        row = plan.row("needs", need_id)
        if row is not None and is_empty(row.get("evidence")):
            lt, en = names(plan, template, "needs", row)
            found.append(warn("needs", f"needs/{row.id}/evidence",
                              f"Prioritetiniam poreikiui „{lt}“ neįrašyti įrodymai. Įrašykite skaičius "
                              "ar faktus – jie padės įtikinti kitus.",
                              f"The priority “{en}” has no evidence. Add figures or facts."))
    return found


def affected_n_within_residents(plan: PlanData, template: Template) -> list[Finding]:
    total = as_number(plan.value("residents_total"))
    if not total:
        return []
    found = []
    for row in plan.rows("needs"):
        n = as_number(row.get("affected_n"))
        if n is not None and n > total:
            lt, en = names(plan, template, "needs", row)
            found.append(warn("needs", f"needs/{row.id}/affected_n",
                              f"Poreikio „{lt}“ paveiktų žmonių skaičius ({num(n, 'lt')}) didesnis už "
                              f"visų gyventojų skaičių ({num(total, 'lt')}). Patikrinkite skaičius.",
                              f"“{en}” affects {num(n, 'en')} people, more than all residents "
                              f"({num(total, 'en')}). Check the figures."))
    return found


def _method(plan: PlanData) -> str | None:
    return choice_slug(plan.value("priority_method"))


def scores_when_scoring(plan: PlanData, template: Template) -> list[Finding]:
    """Scores are required on every need when the method involves scoring (spec D)."""
    if _method(plan) not in SCORE_METHODS:
        return []
    found = []
    for row in filled_rows(plan, "needs", "title"):
        missing = [c for c in CRITERIA if as_number(row.get(c)) is None]
        if missing:
            lt, en = names(plan, template, "needs", row)
            found.append(warn("needs", f"needs/{row.id}/{missing[0]}",
                              f"Poreikis „{lt}“ įvertintas ne pagal visus kriterijus. Trūksta: "
                              f"{', '.join(label(template, 'needs', c).lower() for c in missing)}.",
                              f"“{en}” is not scored on every criterion. Missing: "
                              f"{', '.join(label(template, 'needs', c, 'en').lower() for c in missing)}."))
    return found


def votes_when_voting(plan: PlanData, template: Template) -> list[Finding]:
    """Dot votes are required on every need when the method is dot voting (spec D)."""
    if _method(plan) not in VOTE_METHODS:
        return []
    found = []
    for row in filled_rows(plan, "needs", "title"):
        if as_number(row.get("dot_votes")) is None:
            lt, en = names(plan, template, "needs", row)
            found.append(warn("needs", f"needs/{row.id}/dot_votes",
                              f"Poreikiui „{lt}“ neįrašytas balsų skaičius. Jei jis negavo nė vieno "
                              "lipduko, įrašykite 0.",
                              f"No dot votes for “{en}”. Enter 0 if it got none."))
    return found


def voting_participants(plan: PlanData, template: Template) -> list[Finding]:
    if _method(plan) not in VOTE_METHODS or as_number(plan.value("participants_voting")) is not None:
        return []
    return [warn("participants_voting", "participants_voting",
                 "Įrašykite, kiek žmonių balsavo lipdukais – tada bus galima patikrinti balsų sumą.",
                 "Enter how many people voted, so the vote total can be checked.")]


def dot_votes_total(plan: PlanData, template: Template) -> list[Finding]:
    """Votes ≤ voters × dots each. The plan does not record the dots per person, so the spec's
    rule of thumb stands in (about a quarter of the items), but never fewer than 3 dots: the
    common workshop practice, which keeps honest tallies from being flagged."""
    voters = as_number(plan.value("participants_voting"))
    needs = plan.rows("needs")
    votes = [as_number(r.get("dot_votes")) for r in needs]
    total = sum(v for v in votes if v is not None)
    if _method(plan) not in VOTE_METHODS or not voters or not needs:
        return []
    dots = max(3, math.ceil(len(needs) / 4))
    limit = int(voters) * dots
    if total <= limit:
        return []
    word = lt_count(dots, "lipduką", "lipdukus", "lipdukų")
    return [warn("needs", "needs",
                 f"Balsų suma ({num(total, 'lt')}) per didelė: balsavo {int(voters)} žm., o jei "
                 f"kiekvienas turėjo po {dots} {word}, balsų galėjo būti ne daugiau kaip {limit}. "
                 "Patikrinkite balsus ir balsavusiųjų skaičių.",
                 f"The votes add up to {num(total, 'en')}: with {int(voters)} voters and about "
                 f"{dots} dots each there can be at most {limit}. Check the tally.")]


NEEDS_CHECKS: dict[str, Check] = {
    "swot_min_items": swot_min_items,
    "evidence_for_priorities": evidence_for_priorities,
    "affected_n_within_residents": affected_n_within_residents,
    "scores_when_scoring": scores_when_scoring,
    "votes_when_voting": votes_when_voting,
    "voting_participants": voting_participants,
    "dot_votes_total": dot_votes_total,
}
