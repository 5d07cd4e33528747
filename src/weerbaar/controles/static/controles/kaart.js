/* Planning a control: draw its area on a map of the region's municipalities (OpenLayers, RD New,
   no base map from outside the platform). A drawn polygon is written as WKT in RD New into the
   area field; drawing again replaces it. No inline script: the outlines come from a JSON block. */
(function () {
  "use strict";
  var element = document.getElementById("controles-kaart");
  var field = document.getElementById("id_gebied");
  var data = document.getElementById("controles-gemeenten");
  if (!element || !field || !data || !window.ol || !window.proj4) { return; }
  proj4.defs("EPSG:28992", "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 " +
    "+x_0=155000 +y_0=463000 +ellps=bessel " +
    "+towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs");
  ol.proj.proj4.register(proj4);
  var geojson = new ol.format.GeoJSON({dataProjection: "EPSG:28992", featureProjection: "EPSG:28992"});
  var outlines = new ol.source.Vector({features: geojson.readFeatures(JSON.parse(data.textContent))});
  var drawn = new ol.source.Vector();
  var map = new ol.Map({
    target: element,
    layers: [
      new ol.layer.Vector({
        source: outlines,
        style: new ol.style.Style({
          stroke: new ol.style.Stroke({color: "#4b5563", width: 1}),
          fill: new ol.style.Fill({color: "rgba(255,255,255,0.6)"})
        })
      }),
      new ol.layer.Vector({
        source: drawn,
        style: new ol.style.Style({
          stroke: new ol.style.Stroke({color: "#b91c1c", width: 2}),
          fill: new ol.style.Fill({color: "rgba(185,28,28,0.15)"})
        })
      })
    ],
    view: new ol.View({projection: "EPSG:28992"})
  });
  if (outlines.getFeatures().length) { map.getView().fit(outlines.getExtent(), {padding: [8, 8, 8, 8]}); }
  var draw = new ol.interaction.Draw({source: drawn, type: "Polygon"});
  draw.on("drawstart", function () { drawn.clear(); });
  draw.on("drawend", function (event) {
    field.value = new ol.format.WKT().writeGeometry(event.feature.getGeometry(), {decimals: 1});
    field.dispatchEvent(new Event("change"));
  });
  map.addInteraction(draw);
  element.olMap = map;  // for the browser test, which zooms the map as a user would
}());
