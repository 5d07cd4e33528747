/* Layer import page: poll the job's status and show progress and the report. */
(function () {
  "use strict";
  const bar = document.getElementById("geo-import-progress");
  if (!bar) return;
  const status = document.getElementById("geo-import-status");
  const report = document.getElementById("geo-import-report");
  function poll() {
    fetch(bar.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        bar.value = state.percent || 0;
        status.textContent = state.status + (state.total ? " (" + state.done + "/" + state.total + ")" : "");
        if (state.report) report.textContent = state.report;
        if (state.status === "done" || state.status === "failed" || state.status === "cancelled") {
          document.querySelectorAll("form.job-cancel").forEach(function (form) { form.hidden = true; });
        } else {
          setTimeout(poll, 700);
        }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
