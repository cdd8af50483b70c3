(() => {
  const log = document.getElementById("log");
  const form = document.getElementById("send");
  const input = document.getElementById("text");
  const notice = document.getElementById("notice");
  const BUSY = "Too many new chats are starting right now. Please try again in a minute. " +
    "/ Mae gormod o sgyrsiau newydd yn dechrau ar hyn o bryd. Rhowch gynnig arall arni ymhen munud.";
  const FAILED = "Sorry, that did not go through. Please try again.";
  let last = 0;
  function show(m) {
    const div = document.createElement("div");
    const kind = m.from === "you" || m.from === "advisor" ? m.from : "quitbot";
    div.className = "msg " + kind;
    div.dataset.from = m.from;
    if (kind === "advisor") {  // a person from the team wrote this, not the bot
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = m.label || "A person from the team / Rhywun o'r tîm";
      div.appendChild(who);
      div.appendChild(document.createTextNode(m.text));
    } else {
      div.textContent = m.text;
    }
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }
  function warn(text) {
    notice.textContent = text;
    notice.hidden = !text;
  }
  async function poll() {
    try {
      const r = await fetch("/chat/api/messages?after=" + last, {credentials: "same-origin"});
      if (r.ok) {
        const data = await r.json();
        for (const m of data.messages) { show(m); last = Math.max(last, m.id); }
      }
    } catch (e) { /* offline for a moment: try again on the next poll */ }
  }
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    const id = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
    let r = null;
    try {
      r = await fetch("/chat/api/messages", {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({text, id}),
      });
    } catch (e) { r = null; }
    if (!r || !r.ok) {
      if (!input.value) input.value = text;  // nothing typed is lost
      let reason = "";
      if (r) { try { reason = (await r.json()).error || ""; } catch (e) { reason = ""; } }
      warn(r && r.status === 429 ? BUSY : (reason || FAILED));
      return;
    }
    warn("");
    await poll();
  });
  poll();
  setInterval(poll, 1500);
})();
