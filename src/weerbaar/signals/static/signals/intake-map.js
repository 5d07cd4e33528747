/* Intake: click on the map of the region to set a point, or several clicks for an area.
   Coordinates are RD New (EPSG:28992); the SVG has y flipped. Writes WKT into the geometry field. */
(function () {
  "use strict";
  var svg = document.getElementById("intake-map");
  var field = document.getElementById("id_geometry");
  if (!svg || !field) { return; }
  var marks = document.getElementById("intake-map-marks");
  var status = document.getElementById("intake-map-status");
  var modeSelect = document.getElementById("intake-map-mode");
  var clear = document.getElementById("intake-map-clear");
  var ns = "http://www.w3.org/2000/svg";
  var vertices = [];

  function rd(event) {
    var p = svg.createSVGPoint();
    p.x = event.clientX;
    p.y = event.clientY;
    var q = p.matrixTransform(svg.getScreenCTM().inverse());
    return [Math.round(q.x), Math.round(-q.y)];
  }

  function redraw() {
    while (marks.firstChild) { marks.removeChild(marks.firstChild); }
    if (!vertices.length) { return; }
    if (vertices.length === 1 || modeSelect.value === "point") {
      var c = document.createElementNS(ns, "circle");
      c.setAttribute("cx", vertices[0][0]);
      c.setAttribute("cy", -vertices[0][1]);
      c.setAttribute("r", "900");
      c.setAttribute("class", "signals-map__mark");
      marks.appendChild(c);
      return;
    }
    var line = document.createElementNS(ns, "polygon");
    line.setAttribute("points", vertices.map(function (v) { return v[0] + "," + (-v[1]); }).join(" "));
    line.setAttribute("class", "signals-map__area-mark");
    marks.appendChild(line);
  }

  function write() {
    if (modeSelect.value === "point" && vertices.length) {
      field.value = "POINT(" + vertices[0][0] + " " + vertices[0][1] + ")";
    } else if (vertices.length >= 3) {
      var ring = vertices.concat([vertices[0]]);
      field.value = "POLYGON((" + ring.map(function (v) { return v[0] + " " + v[1]; }).join(", ") + "))";
    } else {
      field.value = "";
    }
    status.textContent = field.value || status.getAttribute("data-empty");
  }

  svg.addEventListener("click", function (event) {
    var point = rd(event);
    if (modeSelect.value === "point") { vertices = [point]; } else { vertices.push(point); }
    redraw();
    write();
  });
  modeSelect.addEventListener("change", function () { vertices = []; redraw(); write(); });
  clear.addEventListener("click", function () { vertices = []; redraw(); write(); });
})();
