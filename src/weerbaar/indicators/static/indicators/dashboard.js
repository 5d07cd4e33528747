/* The dashboard's charts (Apache ECharts, served by the platform from node_modules).
   Data comes from JSON blocks the server rendered from the same rows as the tables next to the
   charts: a suppressed cell arrives as value null with its published text ("< 5", "×").
   No inline styles or HTML with style attributes: the page's CSP allows neither, so tooltips are
   plain escaped text. Colour never carries meaning alone: every class has a pattern (decal) and
   the map and heat map print the value itself. */
(function () {
  "use strict";

  var BANDS = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
  var BAND_TEXT = ["#000", "#000", "#000", "#fff", "#fff"];
  var PATTERNS = ["rect", "circle", "triangle", "diamond", "pin"];
  var SCORES = ["#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"];

  function read(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function esc(text) {
    return String(text === null || text === undefined ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function words(el) {
    return {
      klasse: el.getAttribute("data-klasse") || "klasse",
      geen: el.getAttribute("data-geen") || "niet gepubliceerd"
    };
  }

  function drawMap() {
    var el = document.getElementById("indicator-map");
    var data = read("map-data");
    var shapes = read("map-shapes");
    if (!el || !data || !shapes) return;
    var w = words(el);
    echarts.registerMap("gemeenten", shapes);
    var chart = echarts.init(el);
    var areas = data.areas.map(function (a) {
      var style;
      if (a.band === null) {
        style = { areaColor: "#dddddd", decal: { symbol: "line", color: "rgba(0,0,0,0.35)", dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: 0.8 } };
      } else {
        style = { areaColor: BANDS[a.band], decal: { symbol: PATTERNS[a.band], symbolSize: 0.35, color: "rgba(0,0,0,0.18)" } };
      }
      return {
        name: a.code, value: a.value, shown: a.shown, band: a.band, bandLabel: a.bandLabel, label: a.name,
        itemStyle: style,
        labelStyle: a.band === null ? "#000" : BAND_TEXT[a.band]
      };
    });
    chart.setOption({
      aria: { enabled: true, label: { description: el.getAttribute("aria-label") } },
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var d = p.data || {};
          var klass = d.band === null || d.band === undefined ? w.geen : w.klasse + " " + (d.band + 1) + ": " + d.bandLabel;
          return esc(d.label) + "<br>" + esc(d.shown || "–") + " " + esc(data.unit) + "<br>" + esc(klass);
        }
      },
      series: [{
        type: "map", map: "gemeenten", roam: false, aspectScale: 0.62, selectedMode: false,
        layoutCenter: ["50%", "50%"], layoutSize: "95%",
        itemStyle: { borderColor: "#333", borderWidth: 0.8 },
        label: {
          show: true, fontSize: 10,
          formatter: function (p) { return p.data ? p.data.shown || "–" : ""; },
          color: "#000", textBorderColor: "#fff", textBorderWidth: 2
        },
        emphasis: { label: { show: true, formatter: function (p) { return p.data ? p.data.label + "\n" + (p.data.shown || "–") : ""; } } },
        data: areas
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-drawn", "true");
  }

  /* A line per series over the periods: an indicator's municipality against the median, or the
     province-wide resilience score per domain (more lines: each its own colour, from the
     colour-blind-safe Okabe-Ito set, its own symbol and dash, and no value labels on the points;
     the table under the chart gives them). */
  var LINE_COLOURS = ["#253494", "#b35900", "#41b6c4", "#555"];
  var MANY_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
  var SYMBOLS = ["circle", "rect", "triangle", "diamond", "pin", "arrow", "roundRect"];
  var DASHES = ["solid", "dashed", "dotted"];

  function drawLines(elementId, dataId) {
    var el = document.getElementById(elementId);
    var data = read(dataId);
    if (!el || !data) return;
    var chart = echarts.init(el);
    var many = data.series.length > LINE_COLOURS.length;
    var scale = data.scale || [];
    chart.setOption({
      aria: { enabled: true, label: { description: el.getAttribute("aria-label") } },
      color: many ? MANY_COLOURS : LINE_COLOURS,
      legend: { top: 0 },
      grid: { top: many ? 70 : 40, left: 60, right: 30, bottom: 40 },
      tooltip: {
        trigger: "axis",
        formatter: function (items) {
          return items.map(function (p) {
            var s = data.series[p.seriesIndex];
            return esc(s.name) + ": " + esc(s.shown[p.dataIndex] || "–");
          }).join("<br>") + (items.length ? "<br>" + esc(items[0].axisValue) : "");
        }
      },
      xAxis: { type: "category", data: data.periods },
      yAxis: { type: "value", min: scale[0], max: scale[1] },
      series: data.series.map(function (s, i) {
        return {
          name: s.name, type: "line", data: s.values, connectNulls: false,
          symbol: SYMBOLS[i % SYMBOLS.length], symbolSize: 9,
          lineStyle: { type: many ? DASHES[i % DASHES.length] : (i === 0 ? "solid" : "dashed") },
          label: { show: !many, position: "top", formatter: function (p) { return s.shown[p.dataIndex]; } }
        };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-drawn", "true");
  }

  function drawHeat() {
    var el = document.getElementById("resilience-heat");
    var data = read("heat-data");
    if (!el || !data) return;
    var rows = data.areas.slice();
    var cells = data.cells.slice();
    if (data.province.length) {
      rows.push(data.provinceLabel);
      data.province.forEach(function (p) { cells.push([p[0], rows.length - 1, p[1]]); });
    }
    var chart = echarts.init(el);
    chart.setOption({
      aria: { enabled: true, label: { description: el.getAttribute("aria-label") } },
      grid: { top: 90, left: 170, right: 20, bottom: 60 },
      tooltip: {
        formatter: function (p) {
          return esc(rows[p.data[1]]) + "<br>" + esc(data.domains[p.data[0]]) + ": " + esc(p.data[2] === null ? "–" : String(p.data[2]).replace(".", ","));
        }
      },
      xAxis: { type: "category", data: data.domains, position: "top", axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
      yAxis: { type: "category", data: rows, inverse: true, axisLabel: { fontSize: 11 } },
      visualMap: {
        type: "piecewise", orient: "horizontal", left: "center", bottom: 0,
        pieces: [
          { min: 1, max: 1.9, label: "1 – 1,9", color: SCORES[0] },
          { min: 2, max: 2.9, label: "2 – 2,9", color: SCORES[1] },
          { min: 3, max: 3.9, label: "3 – 3,9", color: SCORES[2] },
          { min: 4, max: 4.9, label: "4 – 4,9", color: SCORES[3] },
          { min: 5, max: 5, label: "5", color: SCORES[4] }
        ]
      },
      series: [{
        type: "heatmap", data: cells,
        label: { show: true, fontSize: 10, formatter: function (p) { return p.data[2] === null ? "–" : String(p.data[2]).replace(".", ","); } },
        itemStyle: { borderColor: "#fff", borderWidth: 1 }
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-drawn", "true");
  }

  function drawProfile() {
    var el = document.getElementById("profile-chart");
    var data = read("profile-data");
    if (!el || !data || !data.labels.length) return;
    var chart = echarts.init(el);
    chart.setOption({
      aria: { enabled: true, decal: { show: true }, label: { description: el.getAttribute("aria-label") } },
      color: ["#253494", "#b35900"],
      legend: { top: 0 },
      grid: { top: 40, left: 260, right: 40, bottom: 30 },
      tooltip: {
        trigger: "axis",
        formatter: function (items) {
          return items.map(function (p) {
            return esc(p.seriesName) + ": " + esc(p.value === null || p.value === undefined ? "–" : p.value);
          }).join("<br>") + (items.length ? "<br>" + esc(items[0].axisValue) : "");
        }
      },
      xAxis: { type: "value", name: data.axis, nameLocation: "middle", nameGap: 22 },
      yAxis: { type: "category", data: data.labels, inverse: true, axisLabel: { width: 230, overflow: "break", margin: 14, lineHeight: 14 } },
      series: data.series.map(function (s) {
        return {
          name: s.name, type: "bar", data: s.values,
          label: { show: true, position: "right", formatter: function (p) { return p.value === null ? "" : p.value; } },
          markLine: { symbol: "none", data: [{ xAxis: 100 }], label: { show: false } }
        };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-drawn", "true");
  }

  drawMap();
  drawLines("indicator-trend", "trend-data");
  drawLines("resilience-trend", "resilience-trend-data");
  drawHeat();
  drawProfile();
})();
