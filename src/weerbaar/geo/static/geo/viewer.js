/* Weerbaar viewer: OpenLayers map with the platform's own vector tiles (OGC API Tiles, MVT),
   a configurable WMTS base map with an offline fallback, feature info, search, measuring,
   permalink, PNG export and (shielded) area selection. No inline script: config comes from a
   JSON data block rendered by Django. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("geo-config").textContent);
  const t = config.i18n;
  const status = document.getElementById("geo-status");
  const say = (text) => { status.textContent = text; };

  /* --- coordinates: WGS84 -> RD New (approximation by Schreutelkamp & Strang van Hees, < 1 m) --- */
  function wgs84ToRd(lon, lat) {
    const dF = 0.36 * (lat - 52.1551744);
    const dL = 0.36 * (lon - 5.38720621);
    const x = 155000 + 190094.945 * dL - 11832.228 * dF * dL - 114.221 * dF * dF * dL
      - 32.391 * dL ** 3 - 0.705 * dF - 2.34 * dF ** 3 * dL - 0.608 * dF * dL ** 3
      - 0.008 * dL * dL + 0.148 * dF * dF * dL ** 3;
    const y = 463000 + 309056.544 * dF + 3638.893 * dL * dL + 73.077 * dF * dF
      - 157.984 * dF * dL * dL + 59.788 * dF ** 3 + 0.433 * dL - 6.439 * dF * dF * dL * dL
      - 0.032 * dF * dL + 0.092 * dL ** 4 - 0.054 * dF * dL ** 4;
    return [x, y];
  }

  /* --- styles from the layer registry --- */
  function styleFor(layer) {
    const s = layer.style || {};
    const fill = new ol.style.Fill({ color: s.fill || "rgba(0,0,0,0)" });
    const stroke = new ol.style.Stroke({ color: s.stroke || "#333", width: s.width || 1 });
    const base = new ol.style.Style({
      fill: fill,
      stroke: stroke,
      image: new ol.style.Circle({ radius: s.radius || 4, fill: new ol.style.Fill({ color: s.fill || "#333" }), stroke: stroke }),
    });
    if (!s.label) return base;
    return function (feature, resolution) {
      if (resolution > 40) return base;
      const text = feature.get(s.label);
      if (!text) return base;
      return [base, new ol.style.Style({
        text: new ol.style.Text({
          text: String(text), font: "12px sans-serif", overflow: false,
          fill: new ol.style.Fill({ color: "#111" }), stroke: new ol.style.Stroke({ color: "#fff", width: 3 }),
        }),
      })];
    };
  }

  const layers = {};
  const overlays = [];
  config.layers.slice().reverse().forEach(function (layer) {
    const olLayer = new ol.layer.VectorTile({
      source: new ol.source.VectorTile({
        format: new ol.format.MVT(),
        url: config.ogc + "collections/" + layer.code + "/tiles/WebMercatorQuad/{z}/{y}/{x}",
        maxZoom: 16,
        attributions: layer.credit,
      }),
      style: styleFor(layer),
      minZoom: Math.max(0, layer.minZoom - 0.001),
      maxZoom: layer.maxZoom + 1,
      declutter: false,
      visible: false,
    });
    olLayer.set("code", layer.code);
    layers[layer.code] = olLayer;
    overlays.push(olLayer);
  });

  /* --- base maps: WMTS from configuration, with the region's own layers as the offline fallback --- */
  const baseLayers = [];
  const bases = {};
  function tileLayer(url, attribution) {
    const layer = new ol.layer.Tile({
      source: new ol.source.XYZ({ url: url, crossOrigin: "anonymous", attributions: attribution, maxZoom: 19 }),
      visible: false,
    });
    let loaded = 0;
    let failed = 0;
    layer.getSource().on("tileloadend", function () { loaded += 1; });
    layer.getSource().on("tileloaderror", function () {
      failed += 1;
      if (failed >= 4 && loaded === 0 && layer.getVisible()) {
        layer.setVisible(false);
        useFallback();
        say(t.offline);
      }
    });
    baseLayers.push(layer);
    return layer;
  }
  if (config.wmts && config.wmts.enabled && config.wmts.url) {
    bases.brt = tileLayer(config.wmts.url.replace("{layer}", config.wmts.layer || "grijs"), config.wmts.attribution);
    if (config.wmts.aerial_url) bases.aerial = tileLayer(config.wmts.aerial_url, config.wmts.attribution);
  }
  if (config.aerialHr) bases.aerialHr = tileLayer(config.aerialHr, config.wmts.attribution);
  const base = bases.brt || null;
  if (base) base.setVisible(true);
  function useFallback() {
    config.layers.forEach(function (layer) {
      if (layer.basemap) setVisible(layer.code, true);
    });
  }
  document.querySelectorAll("input[name=geo-base]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      Object.keys(bases).forEach(function (key) { bases[key].setVisible(key === radio.value); });
      if (!bases[radio.value]) useFallback();
    });
  });

  const highlight = new ol.layer.Vector({
    source: new ol.source.Vector(),
    style: new ol.style.Style({
      stroke: new ol.style.Stroke({ color: "#d4004b", width: 3 }),
      fill: new ol.style.Fill({ color: "rgba(212,0,75,0.12)" }),
      image: new ol.style.Circle({ radius: 7, stroke: new ol.style.Stroke({ color: "#d4004b", width: 3 }) }),
    }),
  });
  const sketch = new ol.layer.Vector({ source: new ol.source.Vector() });

  const params = new URLSearchParams(location.hash.slice(1));
  const center = [parseFloat(params.get("x")) || 6.3, parseFloat(params.get("y")) || 52.45];
  const map = new ol.Map({
    target: "geo-map",
    layers: baseLayers.concat(overlays, [highlight, sketch]),
    view: new ol.View({
      center: ol.proj.fromLonLat(center),
      zoom: parseFloat(params.get("z")) || 9,
      maxZoom: 20,
    }),
    keyboardEventTarget: document.getElementById("geo-map"),
  });

  function setVisible(code, visible) {
    if (!layers[code]) return;
    layers[code].setVisible(visible);
    const box = document.getElementById("layer-" + code);
    if (box) box.checked = visible;
  }
  const requested = params.get("l");
  if (requested !== null) {
    requested.split(",").filter(Boolean).forEach(function (code) { setVisible(code, true); });
  } else {
    config.layers.forEach(function (layer) { if (layer.visible) setVisible(layer.code, true); });
  }
  if (!base) useFallback();

  document.querySelectorAll(".geo-layer__toggle").forEach(function (box) {
    box.addEventListener("change", function () { setVisible(box.dataset.layer, box.checked); updateLink(); });
  });
  document.querySelectorAll(".geo-layer__opacity").forEach(function (range) {
    range.addEventListener("input", function () {
      if (layers[range.dataset.layer]) layers[range.dataset.layer].setOpacity(range.value / 100);
    });
  });

  /* --- permalink --- */
  function permalink() {
    const view = map.getView();
    const lonlat = ol.proj.toLonLat(view.getCenter());
    const visible = Object.keys(layers).filter(function (code) { return layers[code].getVisible(); });
    return "z=" + view.getZoom().toFixed(2) + "&x=" + lonlat[0].toFixed(5) + "&y=" + lonlat[1].toFixed(5) + "&l=" + visible.join(",");
  }
  function updateLink() { history.replaceState(null, "", "#" + permalink()); }
  map.on("moveend", updateLink);
  document.getElementById("geo-permalink").addEventListener("click", function () {
    updateLink();
    if (navigator.clipboard) navigator.clipboard.writeText(location.href).catch(function () {});
    say(t.copied + " " + location.href);
  });

  /* --- coordinates --- */
  const rdOut = document.getElementById("geo-coords-rd");
  const wgsOut = document.getElementById("geo-coords-wgs");
  function showCoords(coordinate) {
    const lonlat = ol.proj.toLonLat(coordinate);
    const rd = wgs84ToRd(lonlat[0], lonlat[1]);
    rdOut.textContent = rd[0].toFixed(0) + ", " + rd[1].toFixed(0);
    wgsOut.textContent = lonlat[1].toFixed(6) + ", " + lonlat[0].toFixed(6);
  }
  map.on("pointermove", function (event) { if (!event.dragging) showCoords(event.coordinate); });
  map.getView().on("change:center", function () { showCoords(map.getView().getCenter()); });
  showCoords(map.getView().getCenter());

  /* --- feature info (the server applies attribute access) --- */
  const info = document.getElementById("geo-info");
  function cell(text) { const td = document.createElement("td"); td.textContent = text; return td; }
  function renderInfo(items) {
    info.replaceChildren();
    if (!items.length) { const p = document.createElement("p"); p.textContent = t.noInfo; info.append(p); return; }
    items.forEach(function (item) {
      const h = document.createElement("h3");
      h.className = "utrecht-heading-3";
      h.textContent = item.title + " — " + item.feature.id;
      const table = document.createElement("table");
      table.className = "utrecht-table geo-info__table";
      const body = document.createElement("tbody");
      Object.entries(item.feature.properties || {}).forEach(function (entry) {
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = entry[0];
        let value = entry[1];
        if (Array.isArray(value)) value = value.map(function (v) { return typeof v === "object" ? Object.values(v).join(" · ") : v; }).join("; ");
        tr.append(th, cell(value === null ? "" : String(value)));
        body.append(tr);
      });
      table.append(body);
      info.append(h, table);
    });
  }
  let drawing = null;
  map.on("singleclick", function (event) {
    if (drawing) return;
    const found = [];
    map.forEachFeatureAtPixel(event.pixel, function (feature, layer) {
      if (layer && layer.get("code") && found.length < 5) found.push({ code: layer.get("code"), id: feature.get("id") });
    }, { hitTolerance: 3 });
    Promise.all(found.filter(function (f) { return f.id; }).map(function (f) {
      return fetch(config.ogc + "collections/" + f.code + "/items/" + encodeURIComponent(f.id), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (feature) {
          const layer = config.layers.find(function (l) { return l.code === f.code; });
          return feature ? { title: layer ? layer.title : f.code, feature: feature } : null;
        });
    })).then(function (items) { renderInfo(items.filter(Boolean)); });
  });

  /* --- search --- */
  const format = new ol.format.GeoJSON();
  function zoomTo(geometry) {
    const feature = new ol.Feature(format.readGeometry(geometry, { dataProjection: "EPSG:4326", featureProjection: "EPSG:3857" }));
    highlight.getSource().clear();
    highlight.getSource().addFeature(feature);
    map.getView().fit(feature.getGeometry().getExtent(), { maxZoom: 17, padding: [40, 40, 40, 40], duration: 300 });
  }
  const results = document.getElementById("geo-search-results");
  document.getElementById("geo-search").addEventListener("submit", function (event) {
    event.preventDefault();
    const q = document.getElementById("geo-search-input").value.trim();
    if (!q) return;
    results.replaceChildren();
    say(t.searching);
    fetch(config.search + "?" + new URLSearchParams({ q: q }), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        say("");
        if (!data.results.length) {
          const li = document.createElement("li"); li.textContent = t.noResults; results.append(li); return;
        }
        data.results.forEach(function (result, index) {
          const li = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.className = "utrecht-button utrecht-button--subtle geo-search__hit";
          button.textContent = result.kind + ": " + result.label;
          button.addEventListener("click", function () { if (result.geometry) zoomTo(result.geometry); });
          li.append(button);
          if (result.eigenaren) {
            const owners = document.createElement("p");
            owners.className = "geo-search__owners";
            owners.textContent = result.eigenaren.join("; ");
            li.append(owners);
          }
          results.append(li);
          if (index === 0 && result.geometry) zoomTo(result.geometry);
        });
      });
  });

  /* --- measuring and drawing --- */
  const mapElement = document.getElementById("geo-map");
  function stopDrawing() {
    if (drawing) { map.removeInteraction(drawing); drawing = null; }
    mapElement.classList.remove("geo-map--drawing");
  }
  /* keyboard drawing: arrows pan, Enter puts a point at the centre (+), Shift+Enter closes, Escape stops */
  mapElement.addEventListener("keydown", function (event) {
    if (!drawing) return;
    if (event.key === "Enter" && event.shiftKey) {
      // finishing drops the vertex that follows the pointer; give it one to drop
      drawing.appendCoordinates([map.getView().getCenter()]);
      drawing.finishDrawing();
    } else if (event.key === "Enter") {
      drawing.appendCoordinates([map.getView().getCenter()]);
    } else if (event.key === "Backspace") {
      drawing.removeLastPoint();
    } else if (event.key === "Escape") {
      drawing.abortDrawing();
      stopDrawing();
      say("");
    } else {
      return;
    }
    event.preventDefault();
  });
  function startDraw(type, onEnd) {
    stopDrawing();
    sketch.getSource().clear();
    drawing = new ol.interaction.Draw({ source: sketch.getSource(), type: type });
    drawing.on("drawend", function (event) {
      const geometry = event.feature.getGeometry();
      setTimeout(stopDrawing, 0);
      onEnd(geometry);
    });
    map.addInteraction(drawing);
    mapElement.classList.add("geo-map--drawing");
    say(t.drawHelp + " " + t.keyboardDrawHelp);
    document.getElementById("geo-map").focus();
  }
  document.getElementById("geo-measure-length").addEventListener("click", function () {
    startDraw("LineString", function (geometry) {
      say(t.distance + ": " + (ol.sphere.getLength(geometry) / 1000).toFixed(3) + " km");
    });
  });
  document.getElementById("geo-measure-area").addEventListener("click", function () {
    startDraw("Polygon", function (geometry) {
      say(t.area + ": " + (ol.sphere.getArea(geometry) / 10000).toFixed(2) + " ha");
    });
  });
  document.getElementById("geo-stop").addEventListener("click", function () {
    stopDrawing(); sketch.getSource().clear(); say("");
  });

  /* --- PNG export: all canvases of the map into one --- */
  document.getElementById("geo-export-png").addEventListener("click", function () {
    map.once("rendercomplete", function () {
      const size = map.getSize();
      const canvas = document.createElement("canvas");
      canvas.width = size[0]; canvas.height = size[1];
      const context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      document.querySelectorAll("#geo-map .ol-layer canvas").forEach(function (layerCanvas) {
        if (layerCanvas.width > 0) {
          const opacity = layerCanvas.parentNode.style.opacity || layerCanvas.style.opacity;
          context.globalAlpha = opacity === "" ? 1 : Number(opacity);
          const matrix = layerCanvas.style.transform.match(/^matrix\(([^(]*)\)$/);
          if (matrix) context.setTransform.apply(context, matrix[1].split(",").map(Number));
          else context.setTransform(1, 0, 0, 1, 0, 0);
          try { context.drawImage(layerCanvas, 0, 0); } catch (e) { /* a tainted base map is left out */ }
        }
      });
      context.globalAlpha = 1;
      context.setTransform(1, 0, 0, 1, 0, 0);
      try {
        const link = document.createElement("a");
        link.download = "weerbaar-kaart.png";
        link.href = canvas.toDataURL("image/png");
        link.click();
      } catch (e) { say(String(e)); }
    });
    map.renderSync();
  });

  /* --- shielded: area selection --- */
  if (config.shielded) {
    const result = document.getElementById("geo-area-result");
    const wkt = new ol.format.WKT();
    function list(title, rows, label) {
      const section = document.createElement("section");
      const h = document.createElement("h3");
      h.className = "utrecht-heading-3";
      h.textContent = title + " (" + rows.length + ")";
      const ul = document.createElement("ul");
      ul.className = "geo-area-list";
      rows.slice(0, 200).forEach(function (row) { const li = document.createElement("li"); li.textContent = label(row); ul.append(li); });
      section.append(h, ul);
      return section;
    }
    function showArea(query) {
      result.replaceChildren();
      say(t.searching);
      fetch(config.area + "?" + query, { credentials: "same-origin" })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (answer) {
          say("");
          if (!answer.ok) { result.textContent = answer.body.detail || ""; return; }
          const data = answer.body;
          if (data.geometry) zoomTo(data.geometry);
          const csv = document.createElement("a");
          csv.className = "utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action";
          csv.href = config.areaCsv + "?" + query;
          csv.id = "geo-area-csv";
          csv.textContent = "CSV — " + data.label;
          result.append(csv);
          if (data.truncated) { const p = document.createElement("p"); p.textContent = t.truncated; result.append(p); }
          result.append(
            list(t.addresses, data.adressen, function (r) { return r.label; }),
            list(t.parcels, data.percelen, function (r) { return r.kadastrale_aanduiding + (r.grootte ? " (" + r.grootte + " m²)" : ""); }),
            list(t.companies, data.bedrijven, function (r) { return r.eerste_handelsnaam + " — KvK " + r.kvk_nummer + ", " + r.plaats; })
          );
        });
    }
    document.getElementById("geo-draw-area").addEventListener("click", function () {
      startDraw("Polygon", function (geometry) {
        const text = wkt.writeGeometry(geometry, { dataProjection: "EPSG:4326", featureProjection: "EPSG:3857", decimals: 6 });
        showArea(new URLSearchParams({ wkt: text }).toString());
      });
    });
    document.getElementById("geo-area-form").addEventListener("submit", function (event) {
      event.preventDefault();
      showArea(new URLSearchParams({ gemeente: document.getElementById("geo-gemeente").value }).toString());
    });
  }
  window.weerbaarViewer = { map: map, layers: layers, wgs84ToRd: wgs84ToRd, showArea: config.shielded ? null : null };
})();
