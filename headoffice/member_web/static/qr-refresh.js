// The member page's one script: fetch a fresh dynamic QR before the shown one lapses and put
// it in place (no reload: the page keeps its scroll and a screen reader its place). Without
// script the "refresh" link does the same.
(function () {
  var box = document.getElementById("qr-box");
  if (!box) { return; }
  var every = parseInt(box.getAttribute("data-every"), 10) * 1000;
  function refresh() {
    fetch(box.getAttribute("data-src"), {credentials: "same-origin", cache: "no-store"})
      .then(function (answer) {
        if (answer.status === 200) { return answer.text(); }
        if (answer.status === 401) { window.location.reload(); }  // the session ended
        return null;
      })
      .then(function (html) { if (html) { box.innerHTML = html; } })
      .catch(function () { /* offline for a moment: the next turn tries again */ });
  }
  window.setInterval(refresh, every);
}());
