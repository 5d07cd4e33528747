// "Use my current location": fills the WGS84 fields from the phone's GPS (progressive: the
// fields and the photo's EXIF position work without it).
(function () {
  const button = document.getElementById("dumping-here");
  const status = document.getElementById("dumping-here-status");
  const lat = document.getElementById("id_breedtegraad");
  const lon = document.getElementById("id_lengtegraad");
  if (!button || !lat || !lon || !("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(
      function (position) {
        lat.value = position.coords.latitude.toFixed(6);
        lon.value = position.coords.longitude.toFixed(6);
        status.textContent = "✓";
      },
      function (error) { status.textContent = error.message; },
      { enableHighAccuracy: true, timeout: 10000 }
    );
  });
})();
