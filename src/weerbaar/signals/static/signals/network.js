/* Link chart of a case: Cytoscape.js (npm, served by the platform) with a force layout (cose).
 * One node per entity (the server merges a subject with its register entry), a legend by kind,
 * expansion of the chosen node (all neighbours or one kind), a list of nodes as buttons for the
 * keyboard (choosing one selects it in the chart) and a table of the links as text alternative.
 * The server hands out each node with a signed key (`knoop`); only those can be expanded. */
(function () {
  "use strict";
  var root = document.getElementById("network");
  if (!root || typeof window.cytoscape !== "function") { return; }
  var url = root.getAttribute("data-url");
  var list = document.getElementById("network-list");
  var legend = document.getElementById("network-legend");
  var actions = document.getElementById("network-expand");
  var current = document.getElementById("network-current");
  var status = document.getElementById("network-status");
  var tableBody = document.querySelector("#network-table tbody");
  // colour and shape per kind: the shape tells kinds apart without colour too
  var LOOK = {
    signaal: ["#f5c400", "round-rectangle"],
    persoon: ["#e17000", "ellipse"],
    onderwerp: ["#e17000", "ellipse"],
    onderneming: ["#39870c", "diamond"],
    adres: ["#007bc7", "hexagon"],
    perceel: ["#a90061", "rectangle"],
    voertuig: ["#5e6b74", "triangle"]
  };
  var OTHER = ["#8fb8de", "octagon"];
  function look(kind) { return LOOK[kind] || OTHER; }

  var cy = window.cytoscape({
    container: root,
    elements: [],
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", "shape": "data(shape)", "width": 26, "height": 26,
        "border-width": 1.5, "border-color": "#1a1a1a",
        "label": "data(short)", "font-size": 12, "color": "#1a1a1a", "text-valign": "bottom",
        "text-margin-y": 4, "text-wrap": "ellipsis", "text-max-width": 140,
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2
      } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#000000" } },
      { selector: "edge", style: {
        "width": 1.5, "line-color": "#555555", "curve-style": "bezier",
        "target-arrow-shape": "none"
      } }
    ]
  });
  var nodes = {};      // id -> node data from the server
  var edges = {};      // "a|b" -> edge data
  var steps = {};      // id -> the server's answer for that node (one audited step, asked once)
  var chosen = null;
  var first = true;

  function message(name, n) { return root.getAttribute(name).replace("%s", n); }

  function swatch(kind) {
    var svgNS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("width", "14"); svg.setAttribute("height", "14");
    svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
    var c = document.createElementNS(svgNS, "circle");
    c.setAttribute("cx", "7"); c.setAttribute("cy", "7"); c.setAttribute("r", "6");
    c.setAttribute("fill", look(kind)[0]); c.setAttribute("stroke", "#1a1a1a");
    svg.appendChild(c);
    return svg;
  }

  function drawLegend() {
    var counts = {}, labels = {};
    Object.keys(nodes).forEach(function (id) {
      var n = nodes[id];
      counts[n.kind] = (counts[n.kind] || 0) + 1;
      labels[n.kind] = n.kind_label;
    });
    legend.textContent = "";
    Object.keys(counts).sort().forEach(function (kind) {
      var li = document.createElement("li");
      li.setAttribute("data-kind", kind);
      li.appendChild(swatch(kind));
      li.appendChild(document.createTextNode(" " + labels[kind] + " (" + counts[kind] + ")"));
      legend.appendChild(li);
    });
  }

  function listItem(n) {
    var li = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--subtle";
    button.setAttribute("data-node", n.id);
    button.appendChild(swatch(n.kind));
    button.appendChild(document.createTextNode(" " + n.kind_label + ": " + n.label));
    button.addEventListener("click", function () { choose(n.id, true); });
    li.appendChild(button);
    list.appendChild(li);
  }

  function tableRow(e) {
    var tr = document.createElement("tr");
    tr.className = "utrecht-table__row";
    [nodes[e.source], { label: e.kind }, nodes[e.target]].forEach(function (cell, i) {
      var td = document.createElement("td");
      td.className = "utrecht-table__cell";
      td.textContent = i === 1 ? cell.label : cell.kind_label + ": " + cell.label;
      tr.appendChild(td);
    });
    tableBody.appendChild(tr);
  }

  function add(data, kind) {
    var fresh = data.nodes.filter(function (n) { return !nodes[n.id] && (!kind || n.kind === kind); });
    var elements = [];
    fresh.forEach(function (n) {
      nodes[n.id] = n;
      var l = look(n.kind);
      var near = chosen ? cy.getElementById(chosen).position() : { x: 0, y: 0 };
      elements.push({ group: "nodes", data: {
        id: n.id, label: n.label, short: n.label.length > 30 ? n.label.slice(0, 29) + "…" : n.label,
        colour: l[0], shape: l[1] }, position: { x: near.x + Math.random() * 40, y: near.y + Math.random() * 40 } });
      listItem(n);
    });
    data.edges.forEach(function (e) {
      var key = e.source + "|" + e.target, back = e.target + "|" + e.source;
      if (edges[key] || edges[back] || !nodes[e.source] || !nodes[e.target]) { return; }
      edges[key] = e;
      elements.push({ group: "edges", data: { id: "e" + Object.keys(edges).length, source: e.source, target: e.target, kind: e.kind } });
      tableRow(e);
    });
    if (elements.length) {
      cy.add(elements);
      arrange(first);
      first = false;
    }
    root.setAttribute("data-node-count", String(cy.nodes().length));
    drawLegend();
    var msg = !fresh.length ? root.getAttribute("data-none")
      : fresh.length === 1 ? root.getAttribute("data-added-one") : message("data-added", fresh.length);
    if (data.more) { msg += " " + message("data-more", data.more); }
    status.textContent = msg;
  }

  function load(key) {
    // the server expands only nodes it handed out for this case: each comes with its signed key
    var target = key ? url + "?knoop=" + encodeURIComponent(key) : url;
    return fetch(target, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  function expand(id, kind) {
    var n = nodes[id];
    var step = steps[id] ? Promise.resolve(steps[id]) : load(n.knoop);
    step.then(function (data) { steps[id] = data; add(data, kind); })
      .catch(function () { status.textContent = root.getAttribute("data-error"); });
  }

  function expandButton(text, id, kind) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "utrecht-button utrecht-button--secondary-action";
    b.textContent = text;
    if (kind) { b.setAttribute("data-kind", kind); }
    b.addEventListener("click", function () { expand(id, kind); });
    actions.appendChild(b);
  }

  // a node chosen in the list is brought into view only when it is outside it: centring a small
  // network on one node would push the others off the chart
  function inView(el) {
    var box = cy.extent(), p = el.position();
    return p.x >= box.x1 && p.x <= box.x2 && p.y >= box.y1 && p.y <= box.y2;
  }

  function choose(id, fromList) {
    chosen = id;
    cy.nodes().unselect();
    var el = cy.getElementById(id);
    el.select();
    if (fromList && !inView(el)) { cy.animate({ center: { eles: el } }, { duration: 200 }); }
    var n = nodes[id];
    current.textContent = message("data-selected", n.kind_label + ": " + n.label);
    actions.textContent = "";
    expandButton(actions.getAttribute("data-all"), id, "");
    var kinds = JSON.parse(document.getElementById("network-kinds").textContent);
    kinds.forEach(function (k) { expandButton(actions.getAttribute("data-kind").replace("%s", k.label), id, k.kind); });
    Array.prototype.forEach.call(list.querySelectorAll("button"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-node") === id ? "true" : "false");
    });
  }

  function arrange(randomize) {
    cy.layout({ name: "cose", animate: false, randomize: randomize, fit: true, padding: 30,
      nodeDimensionsIncludeLabels: true, nodeRepulsion: function () { return 9000; },
      idealEdgeLength: function () { return 90; } }).run();
  }

  // on a tabbed page the chart may be drawn while its tab is hidden (a box of no size): when the
  // tab is shown, size the chart to its box and lay it out again
  var panel = root.closest(".weerbaar-tabs__panel");
  if (panel) {
    panel.addEventListener("weerbaar:tab-shown", function () {
      cy.resize();
      if (cy.nodes().length) { arrange(true); }
    });
  }

  // the chart's box changes with the window (phone, rotated, zoomed): draw it to the new size
  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () { cy.resize(); cy.fit(undefined, 30); }, 150);
  });

  cy.on("tap", "node", function (evt) { choose(evt.target.id(), false); });
  cy.on("dbltap", "node", function (evt) { expand(evt.target.id(), ""); });

  load(null).then(function (data) { add(data, ""); })
    .catch(function () { status.textContent = root.getAttribute("data-error"); });
})();
