// Facet filters apply at once (issue 16): a changed checkbox or sort order submits the search form.
// The page says so above the filters (WCAG 3.2.2: a change of context on input is announced), the
// button stays for keyboard users who prefer it and for browsers without JavaScript, and focus
// returns to the control that was changed after the page has loaded again.
(function () {
  "use strict";
  var KEY = "weerbaar-facet-focus";
  var form = document.querySelector("form.weerbaar-search[data-apply-at-once]");
  if (!form) return;
  form.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.matches("input[type=checkbox], select")) return;
    try { sessionStorage.setItem(KEY, control.id); } catch (e) { /* private mode: no focus return */ }
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });
  var last = null;
  try { last = sessionStorage.getItem(KEY); sessionStorage.removeItem(KEY); } catch (e) { last = null; }
  if (last) {
    var control = document.getElementById(last);
    if (control) control.focus();
  }
})();
