/* Checklist of an integrated control: a finding is first written to localStorage with its own
   idempotency key, then sent (POST, Idempotency-Key header). Offline or on a failed send it stays
   in the queue and is sent again when the browser is back online (or the page is opened again);
   the server stores one finding per key, so a resend never duplicates. The visit list and the
   control page load this module too, so a queue left on the phone drains there as well.
   Photos are too big for localStorage: their Blobs wait in IndexedDB ("weerbaar-controles",
   store "fotos", key [finding key, number]) and are sent after their finding, each with its own
   idempotent POST (finding key + number), then removed from the phone. A finding leaves the
   queue only when it and all its photos are stored. */
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

  // IndexedDB: the photos of queued findings, as Blobs
  var DB = "weerbaar-controles", STORE = "fotos";
  function db() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var request = window.indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function tx(mode, work) {
    return db().then(function (conn) {
      return new Promise(function (resolve, reject) {
        var t = conn.transaction(STORE, mode);
        var result = work(t.objectStore(STORE));
        t.oncomplete = function () { conn.close(); resolve(result && "result" in result ? result.result : undefined); };
        t.onerror = function () { conn.close(); reject(t.error); };
      });
    });
  }
  function photosPut(sleutel, files) {
    return tx("readwrite", function (store) {
      files.forEach(function (file, nr) { store.put(file, [sleutel, nr]); });
    });
  }
  function photoGet(sleutel, nr) { return tx("readonly", function (store) { return store.get([sleutel, nr]); }); }
  function photoDelete(sleutel, nr) { return tx("readwrite", function (store) { store.delete([sleutel, nr]); }); }

  function sendPhotos(item, nr) {
    // "sent" when every photo is stored; "later" when one must wait; a refused photo is dropped
    if (nr >= (item.fotos || 0)) { return Promise.resolve("sent"); }
    return photoGet(item.sleutel, nr).then(function (blob) {
      if (!blob) { return sendPhotos(item, nr + 1); }
      return window.fetch(item.fotoEndpoint + encodeURIComponent(item.sleutel) + "/fotos/" + nr, {
        method: "POST",
        credentials: "same-origin",
        headers: {"Content-Type": blob.type || "application/octet-stream", "X-CSRFToken": csrf()},
        body: blob
      }).then(function (response) {
        if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 403)) {
          return photoDelete(item.sleutel, nr).then(function () { return sendPhotos(item, nr + 1); });
        }
        return "later";
      }, function () { return "later"; });
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
      if (outcome === "sent") { return sendPhotos(item, 0); }
      if (outcome !== "later") {  // the finding was refused: its photos have nowhere to go
        for (var nr = 0; nr < (item.fotos || 0); nr++) { photoDelete(item.sleutel, nr).then(null, function () {}); }
      }
      return outcome;
    }).then(function (outcome) {
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
      var picker = form.querySelector("#fotos");
      var files = picker ? Array.prototype.slice.call(picker.files || []) : [];
      var item = {
        sleutel: key(),
        endpoint: form.dataset.endpoint,
        fotoEndpoint: form.dataset.photosEndpoint,
        fotos: files.length,
        body: {
          adres_sleutel: form.dataset.adres,
          antwoorden: antwoorden,
          niemand_aanwezig: form.querySelector("#niemand_aanwezig").checked,
          opvolging: form.querySelector("#opvolging").checked,
          toelichting: form.querySelector("#toelichting").value,
          vastgelegd_op: new Date().toISOString()
        }
      };
      var kept = files.length ? photosPut(item.sleutel, files) : Promise.resolve();
      kept.then(null, function () { item.fotos = 0; }).then(function () { enqueue(item); });
    });
  }

  function enqueue(item) {
    var queue = load();
    queue.push(item);
    store(queue);
    form.reset();
    if (!navigator.onLine) { say(form.dataset.savedOffline); return; }
    flush().then(function () {
      if (load().some(function (q) { return q.sleutel === item.sleutel; })) { say(form.dataset.savedOffline); }
    });
  }
  window.addEventListener("online", flush);
  flush();
}());
