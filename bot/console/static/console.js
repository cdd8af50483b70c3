// The console's only script of its own (no inline script anywhere: the CSP forbids it).
// The live transcript may send a line again (a reconnect, or a status that changed): the
// newest copy wins and the older one goes.
document.addEventListener("htmx:afterSwap", function (event) {
  var list = event.target;
  if (!list || list.id !== "transcript") return;
  var items = list.querySelectorAll("li[id]");
  var last = {};
  items.forEach(function (item) { last[item.id] = item; });
  items.forEach(function (item) { if (last[item.id] !== item) item.remove(); });
  if (list.lastElementChild) list.lastElementChild.scrollIntoView({block: "nearest"});
});

// The composer: after a reply or a note has gone, it is emptied for the next one (the server
// sends a fresh key with the answer). When the answer never came (the network dropped, the
// server failed), the advisor is told plainly and what they typed stays: pressing Send again
// sends the same key, so the person gets the message once whether or not the first try arrived.
document.addEventListener("htmx:afterRequest", function (event) {
  var elt = event.detail && event.detail.elt;
  var form = elt && elt.closest ? elt.closest("form.composer") : null;
  if (!form) return;
  if (event.detail.successful) {
    var text = form.querySelector("#composer-text");
    if (text) text.value = "";
    return;
  }
  var xhr = event.detail.xhr;
  if (xhr && xhr.status > 0 && xhr.status < 500) return;  // the server said why: shown already
  var path = (event.detail.pathInfo && event.detail.pathInfo.requestPath) || "";
  var said = /\/note$/.test(path)
    ? "Not saved — check your connection and press Save again."
    : "Not sent — check your connection and press Send again. It will reach them only once.";
  var box = form.querySelector("#composer-result");
  if (!box) return;
  var line = document.createElement("p");
  line.className = "error";
  line.setAttribute("role", "alert");
  line.textContent = said;
  box.replaceChildren(line);
});

// The queue after "Show more": a live update would put the list back to its first rows under
// the advisor's eyes. Instead the list stays as it is, the title and count keep up, and a
// line offers the latest list (from the top) when they want it.
document.addEventListener("htmx:beforeRequest", function (event) {
  var path = (event.detail.pathInfo && event.detail.pathInfo.requestPath) || "";
  if (!/^\/console\/queue\/more/.test(path)) return;
  var queue = document.getElementById("queue");
  if (queue) queue.dataset.expanded = "true";
});

document.addEventListener("htmx:sseBeforeMessage", function (event) {
  var queue = event.target;
  if (!queue || queue.id !== "queue" || !queue.dataset.expanded) return;
  event.preventDefault();
  var latest = new DOMParser().parseFromString(event.detail.data || "", "text/html");
  var title = latest.querySelector("title");
  if (title) document.title = title.textContent;
  var count = latest.getElementById("attention");
  var shown = document.getElementById("attention");
  if (count && shown) {
    shown.textContent = count.textContent;
    shown.hidden = count.hidden;
  }
  var summary = latest.querySelector("p.summary");
  var shownSummary = queue.querySelector("p.summary");
  if (summary && shownSummary) shownSummary.replaceChildren(...summary.childNodes);
  if (document.getElementById("queue-changed")) return;
  var line = document.createElement("p");
  line.id = "queue-changed";
  line.className = "banner";
  line.setAttribute("role", "status");
  line.append("The queue has changed since you showed more. ");
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "Show the latest";
  button.addEventListener("click", function () { window.location.reload(); });
  line.append(button);
  queue.before(line);
});
