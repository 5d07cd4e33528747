/* Checklist of an integrated control: a finding is first written to localStorage with its own
   idempotency key, then sent (POST, Idempotency-Key header). Offline or on a failed send it stays
   in the queue and is sent again when the browser is back online (or the page is opened again);
   the server stores one finding per key, so a resend never duplicates. The visit list and the
   control page load this module too, so a queue left on the phone drains there as well. */
(function () {
  "use strict";
  var QUEUE = "weerbaar.controles.wachtrij";
  var form = document.getElementById("controles-checklist");
  var status = document.getElementById("controles-status");

  function load() {
    try { return JSON.parse(window.localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }
  function store(queue) { window.localStorage.setItem(QUEUE, JSON.stringify(queue)); }
  function say(text) { if (status) { status.textContent = text; } }
  function key() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return String(Date.now()) + "-" + Math.random().toString(16).slice(2);
  }
  function csrf() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function send(item) {
    return window.fetch(item.endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Idempotency-Key": item.sleutel, "X-CSRFToken": csrf()},
      body: JSON.stringify(item.body)
    }).then(function (response) {
      if (response.ok) { return "sent"; }
      // refused for what it says (bad address, bad answer): dropped with the reason shown; a
      // 401/403 (session ended, CSRF) or a server error is not the finding's fault: kept, sent later
      if (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 403) {
        return response.json().then(function (problem) { return {refused: problem.detail || response.status}; },
                                    function () { return {refused: response.status}; });
      }
      return "later";
    }, function () { return "later"; });
  }

  var flushing = false;
  function flush() {
    if (flushing || !navigator.onLine) { return Promise.resolve(); }
    var queue = load();
    if (!queue.length) { return Promise.resolve(); }
    flushing = true;
    var item = queue[0];
    return send(item).then(function (outcome) {
      flushing = false;
      if (outcome === "later") {
        if (form) { say(form.dataset.pending + " " + load().length); }
        return;
      }
      store(load().filter(function (q) { return q.sleutel !== item.sleutel; }));
      if (form) {
        say(outcome === "sent" ? form.dataset.sent : form.dataset.failed + " " + outcome.refused);
      }
      return flush();
    });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var antwoorden = {};
      Array.prototype.forEach.call(form.querySelectorAll("[data-vraag]"), function (select) {
        antwoorden[select.dataset.vraag] = select.value;
      });
      var item = {
        sleutel: key(),
        endpoint: form.dataset.endpoint,
        body: {
          adres_sleutel: form.dataset.adres,
          antwoorden: antwoorden,
          niemand_aanwezig: form.querySelector("#niemand_aanwezig").checked,
          opvolging: form.querySelector("#opvolging").checked,
          toelichting: form.querySelector("#toelichting").value,
          vastgelegd_op: new Date().toISOString()
        }
      };
      var queue = load();
      queue.push(item);
      store(queue);
      form.reset();
      if (!navigator.onLine) { say(form.dataset.savedOffline); return; }
      flush().then(function () {
        if (load().some(function (q) { return q.sleutel === item.sleutel; })) { say(form.dataset.savedOffline); }
      });
    });
  }
  window.addEventListener("online", flush);
  flush();
}());
