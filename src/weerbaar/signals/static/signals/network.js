/* Link chart of a case: SVG, expanded one node at a time (bounded by the server). No libraries. */
(function () {
  "use strict";
  var root = document.getElementById("network");
  if (!root) { return; }
  var url = root.getAttribute("data-url");
  var svgNS = "http://www.w3.org/2000/svg";
  var svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("viewBox", "-500 -350 1000 700");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", "network-title");
  svg.classList.add("signals-network__svg");
  var edgesLayer = document.createElementNS(svgNS, "g");
  var nodesLayer = document.createElementNS(svgNS, "g");
  svg.appendChild(edgesLayer);
  svg.appendChild(nodesLayer);
  root.appendChild(svg);
  var list = document.getElementById("network-list");
  var status = document.getElementById("network-status");
  var nodes = {};
  var edges = {};
  var expanded = {};

  function place(node, around, index, count) {
    if (nodes[node.id]) { return nodes[node.id]; }
    var x = 0, y = 0;
    if (around) {
      var angle = (2 * Math.PI * index) / Math.max(count, 1);
      var radius = 90 + 10 * Math.min(count, 12);
      x = around.x + radius * Math.cos(angle);
      y = around.y + radius * Math.sin(angle);
    } else {
      var a = (2 * Math.PI * index) / Math.max(count, 1);
      x = 220 * Math.cos(a);
      y = 180 * Math.sin(a);
    }
    node.x = Math.max(-480, Math.min(480, x));
    node.y = Math.max(-330, Math.min(330, y));
    nodes[node.id] = node;
    draw(node);
    return node;
  }

  function draw(node) {
    var g = document.createElementNS(svgNS, "g");
    g.setAttribute("class", "signals-network__node signals-network__node--" + node.kind);
    g.setAttribute("transform", "translate(" + node.x + "," + node.y + ")");
    var c = document.createElementNS(svgNS, "circle");
    c.setAttribute("r", "12");
    var t = document.createElementNS(svgNS, "text");
    t.setAttribute("y", "26");
    t.setAttribute("text-anchor", "middle");
    t.textContent = node.label.length > 28 ? node.label.slice(0, 27) + "…" : node.label;
    g.appendChild(c);
    g.appendChild(t);
    g.addEventListener("click", function () { expand(node); });
    nodesLayer.appendChild(g);
    var li = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--subtle";
    button.textContent = node.kind + ": " + node.label;
    button.addEventListener("click", function () { expand(node); });
    li.appendChild(button);
    list.appendChild(li);
  }

  function line(edge) {
    var key = edge.source + "|" + edge.target;
    if (edges[key]) { return; }
    var a = nodes[edge.source], b = nodes[edge.target];
    if (!a || !b) { return; }
    edges[key] = true;
    var l = document.createElementNS(svgNS, "line");
    l.setAttribute("x1", a.x); l.setAttribute("y1", a.y);
    l.setAttribute("x2", b.x); l.setAttribute("y2", b.y);
    l.setAttribute("class", "signals-network__edge");
    var title = document.createElementNS(svgNS, "title");
    title.textContent = edge.kind;
    l.appendChild(title);
    edgesLayer.appendChild(l);
  }

  function load(key) {
    // the server expands only nodes it handed out for this case: each comes with its signed key
    var target = key ? url + "?knoop=" + encodeURIComponent(key) : url;
    return fetch(target, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  function add(data, around) {
    var fresh = data.nodes.filter(function (n) { return !nodes[n.id]; });
    fresh.forEach(function (n, i) { place(n, around, i, fresh.length); });
    data.edges.forEach(line);
    var msg = root.getAttribute("data-added").replace("%s", fresh.length);
    if (data.more) { msg += " " + root.getAttribute("data-more").replace("%s", data.more); }
    status.textContent = msg;
  }

  function expand(node) {
    if (expanded[node.id]) { return; }
    expanded[node.id] = true;
    load(node.knoop).then(function (data) { add(data, nodes[node.id]); })
      .catch(function () { status.textContent = root.getAttribute("data-error"); });
  }

  load(null).then(function (data) { add(data, null); })
    .catch(function () { status.textContent = root.getAttribute("data-error"); });
})();
