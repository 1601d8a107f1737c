// Search as you type: fetch the same page with the new query and swap the results region.
// Everything works without this file; it only saves a press of the button.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-search]");
  var results = document.getElementById("results");
  if (!form || !results || !window.fetch || !window.DOMParser) return;
  var timer = null;
  var latest = 0;

  function refresh() {
    var url = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
    var ticket = ++latest;
    fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        if (ticket !== latest) return;  // a newer query has been sent meanwhile
        var page = new DOMParser().parseFromString(text, "text/html");
        var fresh = page.getElementById("results");
        if (!fresh) return;
        results.replaceChildren.apply(results, Array.prototype.slice.call(fresh.childNodes));
        history.replaceState(null, "", url);
      })
      .catch(function () { /* the button still works */ });
  }

  // Typing and choosing an order both fire "input"; wait for a pause before asking.
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
})();

// An import job's page: while the job runs, fetch the page again and swap its status region.
// Without this file the page has a "Refresh" link.
(function () {
  "use strict";
  var region = document.querySelector("[data-refresh]");
  if (!region || !window.fetch || !window.DOMParser) return;
  var delay = Math.max(1000, parseInt(region.getAttribute("data-refresh"), 10) || 2000);

  function poll() {
    fetch(location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, "text/html").getElementById(region.id);
        if (!fresh) return;
        region.replaceChildren.apply(region, Array.prototype.slice.call(fresh.childNodes));
        if (fresh.hasAttribute("data-refresh")) setTimeout(poll, delay);
        else region.removeAttribute("data-refresh");
      })
      .catch(function () { /* the Refresh link still works */ });
  }
  setTimeout(poll, delay);
})();

// The compare list: once four clauses are chosen, the other boxes wait until one is unticked.
// Without this file the page says what went wrong when more are sent.
(function () {
  "use strict";
  var form = document.querySelector("form[data-compare]");
  if (!form) return;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="ids"]'));
  var most = 4;

  function update() {
    var chosen = boxes.filter(function (box) { return box.checked; }).length;
    boxes.forEach(function (box) { box.disabled = !box.checked && chosen >= most; });
  }
  form.addEventListener("change", update);
  update();
})();
