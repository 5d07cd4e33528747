/* Tabs for a long page made of sections (WAI-ARIA Authoring Practices, "tabs with automatic
 * activation"). Without JavaScript the page is a list of links to its sections, each shown; with
 * it one section at a time. The open tab is in the URL's fragment, so a form that sends the user
 * back to "#interventies" opens that tab, and a link or reload keeps it.
 *
 * Markup: <div data-tabs> <nav> <ul> <li><a href="#id">…</a> … </ul> </nav> <section id="id"> … </div>
 */
(function () {
  "use strict";

  function enhance(root) {
    var list = root.querySelector("nav ul");
    var links = Array.prototype.slice.call(list.querySelectorAll("a[href^='#']"));
    var panels = links.map(function (a) { return document.getElementById(a.getAttribute("href").slice(1)); });
    if (!links.length || panels.indexOf(null) !== -1) return;

    list.setAttribute("role", "tablist");
    var label = root.querySelector("nav").getAttribute("aria-label");
    if (label) list.setAttribute("aria-label", label);
    links.forEach(function (a, i) {
      a.parentElement.setAttribute("role", "presentation");
      a.setAttribute("role", "tab");
      a.id = a.id || "tab-" + panels[i].id;
      a.setAttribute("aria-controls", panels[i].id);
      panels[i].setAttribute("role", "tabpanel");
      panels[i].setAttribute("aria-labelledby", a.id);
      panels[i].setAttribute("tabindex", "-1");
    });
    root.classList.add("weerbaar-tabs--enhanced");

    function show(index, focus) {
      links.forEach(function (a, i) {
        var selected = i === index;
        a.setAttribute("aria-selected", selected ? "true" : "false");
        a.setAttribute("tabindex", selected ? "0" : "-1");
        panels[i].hidden = !selected;
      });
      if (focus) links[index].focus();
      // a chart or map inside the panel may have been drawn while hidden: tell it it is shown
      panels[index].dispatchEvent(new CustomEvent("weerbaar:tab-shown"));
    }

    function fromHash() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      if (!id) return 0;
      for (var i = 0; i < panels.length; i++) {
        // the fragment names a panel, or something inside one (a field with an error, a heading)
        if (panels[i].id === id || panels[i].querySelector("[id='" + id.replace(/'/g, "") + "']")) return i;
      }
      return -1;
    }

    links.forEach(function (a, i) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        show(i, false);
        history.replaceState(null, "", "#" + panels[i].id);
      });
      a.addEventListener("keydown", function (event) {
        var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: links.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        next = (next + links.length) % links.length;
        show(next, true);
        history.replaceState(null, "", "#" + panels[next].id);
      });
    });
    window.addEventListener("hashchange", function () {
      var index = fromHash();
      if (index >= 0) show(index, false);
    });
    var start = fromHash();
    show(start >= 0 ? start : 0, false);
    if (start > 0) root.scrollIntoView({ block: "start" });
  }

  document.querySelectorAll("[data-tabs]").forEach(enhance);
})();
