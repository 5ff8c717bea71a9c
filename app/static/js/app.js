/* Plano vedlys: the little JavaScript the wizard needs on top of htmx.
   - the save state in words ("Saugoma…", "Išsaugota 14:32", "Neišsaugota – bandoma dar kartą");
   - retrying a save that did not reach the server (rural networks), with growing pauses;
   - "keep my version" after a conflict; focus after rows are added, moved or removed;
   - a warning before leaving the page with unsaved answers. No inline scripts (CSP). */
(function () {
  "use strict";
  var pending = 0;
  var retries = new WeakMap();

  function stateLine() { return document.getElementById("save-state"); }
  function say(kind, time) {
    var el = stateLine();
    if (!el) return;
    var text = el.dataset[kind] || "";
    el.textContent = text.replace("{time}", time || "");
    el.dataset.state = kind;
  }
  function now() {
    var d = new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }
  function isCell(elt) { return elt && elt.classList && elt.classList.contains("cell"); }

  document.addEventListener("htmx:beforeRequest", function (e) {
    if (isCell(e.detail.elt)) { pending++; say("saving"); }
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var elt = e.detail.elt;
    if (!isCell(elt)) return;
    pending = Math.max(0, pending - 1);
    var xhr = e.detail.xhr;
    var status = xhr ? xhr.status : 0;
    if (status >= 200 && status < 300) {
      retries.delete(elt);
      if (!pending) say("saved", now());
      var input = elt.querySelector("[aria-invalid=true]");
      if (input) input.removeAttribute("aria-invalid");
    } else if (status === 422 || status === 400 || status === 413) {
      say("invalid");
      var bad = elt.querySelector("input:not([type=hidden]), textarea, select");
      if (bad) bad.setAttribute("aria-invalid", "true");
    } else if (status === 409) {
      say("conflict");
    } else if (status === 403 || status === 404) {
      say("failed");  // final: no retry (signed out, no right, or the row is gone)
    } else {
      // network down or server trouble: keep the typed text, try again later
      var n = (retries.get(elt) || 0) + 1;
      retries.set(elt, n);
      say("failed");
      setTimeout(function () { htmx.trigger(elt, "retry"); }, Math.min(30000, 1500 * Math.pow(2, n - 1)));
    }
  });

  document.addEventListener("click", function (e) {
    var keep = e.target.closest("[data-keep-mine]");
    if (!keep) return;
    var cell = keep.closest(".cell");
    var rev = cell && cell.querySelector("input[type=hidden][name^='rev:']");
    if (rev) { rev.value = keep.getAttribute("data-keep-mine"); htmx.trigger(cell, "retry"); }
  });

  document.addEventListener("htmx:afterSettle", function (e) {
    var target = e.detail.elt;
    var holder = target && target.matches && target.matches("[data-focus-row]") ? target : null;
    if (holder) {
      var parts = holder.getAttribute("data-focus-row").split(":");
      var row = document.getElementById("row-" + parts[0]);
      var el = null;
      if (row && parts[1]) el = row.querySelector("button[name=action][value^='" + parts[1] + ":']");
      if (row && (!el || el.disabled)) el = row.querySelector("input:not([type=hidden]), textarea, select");
      if (el) el.focus();
      holder.removeAttribute("data-focus-row");
      return;
    }
    var f = target && target.querySelector && target.querySelector("[data-focus]");
    if (f) f.focus();
  });

  window.addEventListener("beforeunload", function (e) {
    if (pending > 0) { e.preventDefault(); e.returnValue = ""; }
  });
})();

/* Live refresh: never replace an answer someone is typing in; ask again for what was skipped. */
(function () {
  "use strict";
  var skipped = false;
  var askedSince = null;
  document.addEventListener("input", function (e) {
    var cell = e.target.closest && e.target.closest(".cell");
    if (cell) cell.setAttribute("data-dirty", "1");
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var elt = e.detail.elt;
    if (elt && elt.classList && elt.classList.contains("cell") && e.detail.xhr && e.detail.xhr.status === 200) {
      elt.removeAttribute("data-dirty");
    }
  });
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (e.detail.elt && e.detail.elt.id === "live") {
      var m = /since=(\d+)/.exec(e.detail.elt.getAttribute("hx-get") || "");
      askedSince = m ? m[1] : null;
      skipped = false;
    }
  });
  document.addEventListener("htmx:oobBeforeSwap", function (e) {
    var target = e.detail.target;
    if (!target) return;
    var busy = target.contains(document.activeElement) || target.matches("[data-dirty]") ||
      target.querySelector("[data-dirty]") || target.querySelector(".cell-status.is-problem");
    if (busy) { e.detail.shouldSwap = false; skipped = true; }
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    var live = document.getElementById("live");
    if (!skipped || !live || askedSince === null || e.detail.elt !== live) return;
    live.setAttribute("hx-get", live.getAttribute("hx-get").replace(/since=\d+/, "since=" + askedSince));
    skipped = false;
    htmx.process(live);
  });
})();
