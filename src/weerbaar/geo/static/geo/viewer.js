/* Weerbaar viewer: OpenLayers map in RD New (EPSG:28992) on the Dutch tiling scheme
   (NetherlandsRDNewQuad) with the platform's own vector tiles (OGC API Tiles, MVT), configurable
   WMTS base maps in the same grid with an offline fallback, feature info, search, measuring in
   RD metres, permalink, PNG export and (shielded) area selection. No inline script: config comes
   from a JSON data block rendered by Django. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("geo-config").textContent);
  const t = config.i18n;
  const status = document.getElementById("geo-status");
  const say = (text) => { status.textContent = text; };

  /* --- RD New and the Dutch tiling scheme (NetherlandsRDNewQuad, as the server's tiles.py) --- */
  proj4.defs("EPSG:28992", "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 " +
    "+x_0=155000 +y_0=463000 +ellps=bessel " +
    "+towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs");
  ol.proj.proj4.register(proj4);
  const RD = ol.proj.get("EPSG:28992");
  const ORIGIN = [-285401.92, 903401.92];
  const Z0_CELL = 3440.640;
  const RD_EXTENT = [ORIGIN[0], ORIGIN[1] - 256 * Z0_CELL, ORIGIN[0] + 256 * Z0_CELL, ORIGIN[1]];
  RD.setExtent(RD_EXTENT);
  const TILE_MAX_ZOOM = 16;  // the server's NetherlandsRDNewQuad levels
  const VIEW_MAX_ZOOM = 19;  // beyond 16 the map enlarges the z16 tiles
  function resolutions(maxZoom) {
    const list = [];
    for (let z = 0; z <= maxZoom; z += 1) list.push(Z0_CELL / 2 ** z);
    return list;
  }
  function rdGrid(maxZoom) {
    return new ol.tilegrid.TileGrid({ origin: ORIGIN, resolutions: resolutions(maxZoom), tileSize: 256, extent: RD_EXTENT });
  }
  /* The layer registry's zoom levels are Web Mercator levels (as in the WebMercatorQuad tiles);
     the RD level with about the same ground resolution in the region (52.25° N) is 4.8 lower. */
  const WM_TO_RD = Math.log2(156543.03392804097 * Math.cos(52.25 * Math.PI / 180) / Z0_CELL);
  function rdZoom(webMercatorZoom) { return webMercatorZoom - WM_TO_RD; }
  function toRd(lonlat) { return ol.proj.transform(lonlat, "EPSG:4326", RD); }
  function toWgs84(xy) { return ol.proj.transform(xy, RD, "EPSG:4326"); }
  function wgs84ToRd(lon, lat) { return toRd([lon, lat]); }

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
    if (!s.label || layer.labels) return base;  // labels once per feature: from the label points
    return function (feature, resolution) {
      if (resolution > 24) return base;  // metres per pixel (RD): labels from about 1:90 000
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
    /* an app-served layer: the app's URL answers GeoJSON in RD New (and decides and audits
       every read); its features carry their attributes, so a click needs no further request */
    const olLayer = layer.geojson ? new ol.layer.Vector({
      source: new ol.source.Vector({ url: layer.geojson, format: new ol.format.GeoJSON({ dataProjection: RD }), attributions: layer.credit }),
      style: styleFor(layer),
      minZoom: Math.max(0, rdZoom(layer.minZoom) - 0.001),
      maxZoom: rdZoom(layer.maxZoom) + 1,
      visible: false,
    }) : new ol.layer.VectorTile({
      source: new ol.source.VectorTile({
        format: new ol.format.MVT(),
        url: config.ogc + "collections/" + layer.code + "/tiles/NetherlandsRDNewQuad/{z}/{y}/{x}",
        projection: RD,
        tileGrid: rdGrid(TILE_MAX_ZOOM),
        attributions: layer.credit,
      }),
      style: styleFor(layer),
      minZoom: Math.max(0, rdZoom(layer.minZoom) - 0.001),
      maxZoom: rdZoom(layer.maxZoom) + 1,
      declutter: false,
      visible: false,
    });
    olLayer.set("code", layer.code);
    olLayer.set("inline", Boolean(layer.geojson));
    layers[layer.code] = olLayer;
    overlays.push(olLayer);
  });
  /* labels once per feature: a layer with label points (one point inside each outline, served once
     for the whole layer) writes its labels from them, decluttered, above all tiles; they follow
     their layer's visibility and zoom range */
  const labelLayers = {};
  config.layers.slice().reverse().forEach(function (layer) {
    if (!layer.labels) return;
    const labelLayer = new ol.layer.Vector({
      source: new ol.source.Vector({ url: layer.labels, format: new ol.format.GeoJSON({ dataProjection: RD }) }),
      style: function (feature) {
        return new ol.style.Style({
          text: new ol.style.Text({
            text: feature.get("label"), font: "12px sans-serif", overflow: true,
            fill: new ol.style.Fill({ color: "#111" }), stroke: new ol.style.Stroke({ color: "#fff", width: 3 }),
          }),
        });
      },
      declutter: true,
      minZoom: layers[layer.code].getMinZoom(),
      maxZoom: layers[layer.code].getMaxZoom(),
      maxResolution: 24,  // metres per pixel (RD): labels from about 1:90 000, as before
      visible: false,
    });
    labelLayer.set("labelsOf", layer.code);
    labelLayers[layer.code] = labelLayer;
    layers[layer.code].on("change:visible", function () { labelLayer.setVisible(layers[layer.code].getVisible()); });
  });

  /* --- base maps: WMTS from configuration, with the region's own layers as the offline fallback --- */
  const baseLayers = [];
  const bases = {};
  /* a WMTS in the RD New tile matrix set (PDOK's EPSG:28992 = NetherlandsRDNewQuad) is used tile for
     tile; a template still in Web Mercator is reprojected by OpenLayers */
  function tileLayer(url, attribution, grid, maxZoom) {
    const options = { url: url, crossOrigin: "anonymous", attributions: attribution };
    if (grid === "EPSG:3857") {
      options.maxZoom = 19;
    } else {
      options.projection = RD;
      options.tileGrid = rdGrid(Math.min(maxZoom || 14, TILE_MAX_ZOOM));
    }
    const layer = new ol.layer.Tile({ source: new ol.source.XYZ(options), visible: false });
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
    bases.brt = tileLayer(config.wmts.url.replace("{layer}", config.wmts.layer || "grijs"), config.wmts.attribution,
      config.wmts.grid, config.wmts.maxZoom);
    if (config.wmts.aerial_url) {
      bases.aerial = tileLayer(config.wmts.aerial_url, config.wmts.attribution, config.wmts.aerialGrid, config.wmts.aerialMaxZoom);
    }
  }
  if (config.aerialHr) {
    bases.aerialHr = tileLayer(config.aerialHr, config.wmts.attribution, config.wmts.aerialHrGrid, config.wmts.aerialHrMaxZoom);
  }
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

  /* permalink: #z=<RD level>&x=<RD x>&y=<RD y>&l=<layers>&crs=28992; the older form (no crs:
     x/y in WGS84 lon/lat, z a Web Mercator level) is read too and shows the same place and scale */
  function hashParams() { return new URLSearchParams(location.hash.slice(1)); }
  const params = hashParams();
  function startView(params) {
    const x = parseFloat(params.get("x"));
    const y = parseFloat(params.get("y"));
    const z = parseFloat(params.get("z"));
    if (params.get("crs") === "28992" || (Number.isFinite(y) && Math.abs(y) > 180)) {
      return { center: Number.isFinite(x) && Number.isFinite(y) ? [x, y] : toRd([6.3, 52.45]), zoom: Number.isFinite(z) ? z : 4.2 };
    }
    const lonlat = [Number.isFinite(x) ? x : 6.3, Number.isFinite(y) ? y : 52.45];
    return { center: toRd(lonlat), zoom: Number.isFinite(z) ? Math.max(0, rdZoom(z)) : 4.2 };
  }
  const start = startView(params);
  const map = new ol.Map({
    target: "geo-map",
    layers: baseLayers.concat(overlays, Object.values(labelLayers), [highlight, sketch]),
    view: new ol.View({
      projection: RD,
      center: start.center,
      zoom: start.zoom,
      resolutions: resolutions(VIEW_MAX_ZOOM),
      constrainResolution: false,
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
  /* a pasted or edited permalink moves the map that is already open (the hash of the link itself
     is written with replaceState, which fires neither event) */
  function followLink() {
    const linked = hashParams();
    if (!linked.has("x") && !linked.has("z") && !linked.has("l")) return;
    const target = startView(linked);
    const view = map.getView();
    view.cancelAnimations();
    view.setCenter(target.center);
    view.setZoom(target.zoom);
    if (linked.get("l") !== null) {
      const wanted = new Set(linked.get("l").split(",").filter(Boolean));
      Object.keys(layers).forEach(function (code) { setVisible(code, wanted.has(code)); });
    }
    updateLink();
  }
  window.addEventListener("hashchange", followLink);
  window.addEventListener("popstate", followLink);
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
    const center = view.getCenter();
    const visible = Object.keys(layers).filter(function (code) { return layers[code].getVisible(); });
    return "z=" + view.getZoom().toFixed(2) + "&x=" + center[0].toFixed(1) + "&y=" + center[1].toFixed(1) +
      "&l=" + visible.join(",") + "&crs=28992";
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
    const lonlat = toWgs84(coordinate);
    rdOut.textContent = coordinate[0].toFixed(0) + ", " + coordinate[1].toFixed(0);
    wgsOut.textContent = lonlat[1].toFixed(6) + ", " + lonlat[0].toFixed(6);
  }
  map.on("pointermove", function (event) { if (!event.dragging) showCoords(event.coordinate); });
  map.getView().on("change:center", function () { showCoords(map.getView().getCenter()); });
  showCoords(map.getView().getCenter());

  /* --- panels: collapsible, keyboard-operable (buttons with aria-expanded); on a narrow screen
     both start closed so the map is seen first --- */
  const app = document.getElementById("geo-app");
  const narrow = window.matchMedia("(max-width: 47.99rem)");
  function fitToWindow() {
    app.style.setProperty("--geo-top", (app.getBoundingClientRect().top + window.scrollY) + "px");
    map.updateSize();
  }
  function setPanel(name, open) {
    const button = document.getElementById("geo-toggle-" + name);
    const panel = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.hidden = !open;
    map.updateSize();
  }
  ["layers", "info"].forEach(function (name) {
    const button = document.getElementById("geo-toggle-" + name);
    button.addEventListener("click", function () { setPanel(name, button.getAttribute("aria-expanded") !== "true"); });
  });
  if (narrow.matches) setPanel("layers", false);
  window.addEventListener("resize", fitToWindow);
  fitToWindow();

  /* --- object information (the server applies attribute access; the layer registry says what
     to show under which label: Layer.info) --- */
  const info = document.getElementById("geo-info");
  const lang = document.documentElement.lang || "nl";
  const numberFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  function layerInfo(code) {
    const layer = config.layers.find(function (l) { return l.code === code; });
    return layer ? layer.info : { title: "", layerTitle: code, fields: null, context: 0, internal: [] };
  }
  function present(value) { return value !== null && value !== undefined && value !== ""; }
  function titleOf(spec, properties) {
    if (spec.title) {
      const names = Array.from(spec.title.matchAll(/\{(\w+)\}/g), function (m) { return m[1]; });
      if (names.every(function (name) { return present(properties[name]); })) {
        return spec.title.replace(/\{(\w+)\}/g, function (m, name) { return String(properties[name]); });
      }
    }
    return String(properties.naam || spec.layerTitle);
  }
  function shown(value, unit) {
    if (typeof value === "boolean") return value ? t.yes : t.no;
    if (typeof value === "number") return numberFormat.format(value) + (unit ? " " + unit : "");
    if (Array.isArray(value)) {
      return value.map(function (v) { return v && typeof v === "object" ? Object.values(v).join(" · ") : v; }).join("; ");
    }
    if (value && typeof value === "object") return Object.values(value).join(" · ");
    return String(value) + (unit ? " " + unit : "");
  }
  function rowsOf(spec, properties) {
    if (spec.fields) {
      return spec.fields.filter(function (f) { return present(properties[f.name]); })
        .map(function (f) { return [f.label, shown(properties[f.name], f.unit)]; });
    }
    const used = new Set(Array.from((spec.title || "").matchAll(/\{(\w+)\}/g), function (m) { return m[1]; }).concat(["naam"]));
    return Object.entries(properties).filter(function (entry) {
      return !spec.internal.includes(entry[0]) && !used.has(entry[0]) && present(entry[1]);
    }).map(function (entry) {
      const label = entry[0].replace(/_/g, " ");
      return [label.charAt(0).toUpperCase() + label.slice(1), shown(entry[1], "")];
    });
  }
  function featureBlock(item, main) {
    const spec = layerInfo(item.code);
    const properties = item.feature.properties || {};
    const article = document.createElement("article");
    article.className = "geo-feature" + (main ? "" : " geo-feature--other");
    const layerLine = document.createElement("p");
    layerLine.className = "geo-feature__layer";
    layerLine.textContent = spec.layerTitle;
    const h = document.createElement(main ? "h3" : "h4");
    h.className = "geo-feature__title";
    h.textContent = titleOf(spec, properties);
    article.append(layerLine, h);
    const rows = rowsOf(spec, properties);
    if (rows.length) {
      const dl = document.createElement("dl");
      dl.className = "geo-feature__fields";
      rows.forEach(function (row) {
        const dt = document.createElement("dt"); dt.textContent = row[0];
        const dd = document.createElement("dd"); dd.textContent = row[1];
        dl.append(dt, dd);
      });
      article.append(dl);
    }
    const link = linkOf(spec, properties);
    if (main && link) article.append(link);
    return article;
  }
  /* the object's page in the platform, when the layer names one and the reader received every
     attribute its URL needs (attribute access may have left one out: then no link) */
  function linkOf(spec, properties) {
    if (!spec.link) return null;
    const names = Array.from(spec.link.url.matchAll(/\{(\w+)\}/g), function (m) { return m[1]; });
    if (!names.every(function (name) { return present(properties[name]); })) return null;
    const p = document.createElement("p");
    const a = document.createElement("a");
    a.className = "utrecht-link geo-feature__link";
    a.href = spec.link.url.replace(/\{(\w+)\}/g, function (m, name) { return encodeURIComponent(String(properties[name])); });
    a.textContent = spec.link.label;
    p.append(a);
    return p;
  }
  /* the clicked object first; containing areas (municipality, province: `info.context`) in one
     line; each object once, however many tiles or layers returned it */
  function renderInfo(items) {
    info.replaceChildren();
    if (!items.length) { const p = document.createElement("p"); p.textContent = t.noInfo; info.append(p); return; }
    const objects = items.filter(function (item) { return !layerInfo(item.code).context; });
    const areas = items.filter(function (item) { return layerInfo(item.code).context; })
      .sort(function (a, b) { return layerInfo(a.code).context - layerInfo(b.code).context; });
    if (!objects.length) objects.push(areas.shift());  // a click on a municipality: it is the object
    info.append(featureBlock(objects[0], true));
    if (areas.length) {
      const line = document.createElement("p");
      line.className = "geo-context";
      line.textContent = t.liesIn + ": " + areas.map(function (item) {
        return titleOf(layerInfo(item.code), item.feature.properties || {});
      }).join(" · ");
      info.append(line);
    }
    if (objects.length > 1) {
      const h = document.createElement("h3");
      h.className = "geo-also";
      h.textContent = t.alsoHere;
      info.append(h);
      objects.slice(1).forEach(function (item) { info.append(featureBlock(item, false)); });
    }
  }
  let drawing = null;
  map.on("singleclick", function (event) {
    if (drawing) return;
    const found = [];
    const seen = new Set();
    map.forEachFeatureAtPixel(event.pixel, function (feature, layer) {
      const code = layer && layer.get("code");
      const inline = layer && layer.get("inline");
      const id = inline ? feature.getId() : feature.get("id");
      if (!code || !id || seen.has(code + "/" + id) || found.length >= 8) return;
      seen.add(code + "/" + id);
      const properties = inline ? Object.assign({}, feature.getProperties()) : null;
      if (properties) delete properties[feature.getGeometryName()];
      found.push({ code: code, id: id, properties: properties });
    }, { hitTolerance: 3, layerFilter: function (layer) { return Boolean(layer.get("code")); } });
    Promise.all(found.map(function (f) {
      if (f.properties) return Promise.resolve({ code: f.code, feature: { properties: f.properties } });
      return fetch(config.ogc + "collections/" + f.code + "/items/" + encodeURIComponent(f.id), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (feature) { return feature ? { code: f.code, feature: feature } : null; });
    })).then(function (items) {
      renderInfo(items.filter(Boolean));
      setPanel("info", true);
    });
  });

  /* --- search --- */
  const format = new ol.format.GeoJSON();
  function zoomTo(geometry) {
    const feature = new ol.Feature(format.readGeometry(geometry, { dataProjection: "EPSG:4326", featureProjection: RD }));
    highlight.getSource().clear();
    highlight.getSource().addFeature(feature);
    map.getView().fit(feature.getGeometry().getExtent(), { maxZoom: rdZoom(17), padding: [40, 40, 40, 40], duration: 300 });
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
  /* measuring in RD New: the map's own metres (scale error of the projection below 0.01 % in the region) */
  const number = new Intl.NumberFormat(document.documentElement.lang || "nl", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const twoDecimals = new Intl.NumberFormat(document.documentElement.lang || "nl", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  function metres(value) { return number.format(value) + " m"; }
  document.getElementById("geo-measure-length").addEventListener("click", function () {
    startDraw("LineString", function (geometry) {
      const length = geometry.getLength();
      say(t.distance + ": " + metres(length) + (length >= 1000 ? " (" + twoDecimals.format(length / 1000) + " km)" : ""));
    });
  });
  document.getElementById("geo-measure-area").addEventListener("click", function () {
    startDraw("Polygon", function (geometry) {
      const area = geometry.getArea();
      say(t.area + ": " + number.format(area) + " m² (" + twoDecimals.format(area / 10000) + " ha)");
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
        const text = wkt.writeGeometry(geometry, { decimals: 2 });  // RD New metres, as drawn
        showArea(new URLSearchParams({ wkt: text, crs: "EPSG:28992" }).toString());
      });
    });
    document.getElementById("geo-area-form").addEventListener("submit", function (event) {
      event.preventDefault();
      showArea(new URLSearchParams({ gemeente: document.getElementById("geo-gemeente").value }).toString());
    });
  }
  window.weerbaarViewer = { map: map, layers: layers, labelLayers: labelLayers, wgs84ToRd: wgs84ToRd, toRd: toRd, toWgs84: toWgs84, rdZoom: rdZoom };
})();
