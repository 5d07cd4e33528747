// Progress of a register import: polls the job's status and reloads the page when it has ended.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) return;
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  var url = box.getAttribute("data-status-url");

  function show(state) {
    if (state.totaal) {
      bar.max = state.totaal;
      bar.value = state.gedaan;
    } else {
      bar.removeAttribute("value");
    }
    text.textContent = state.fase
      ? state.fase + ": " + state.gedaan + (state.totaal ? " / " + state.totaal : "")
      : state.status;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        if (state.klaar) {
          text.textContent = box.getAttribute("data-done-text");
          window.location.reload();
          return;
        }
        show(state);
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 500);
})();
