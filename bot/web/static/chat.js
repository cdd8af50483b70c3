(() => {
  const log = document.getElementById("log");
  const form = document.getElementById("send");
  const input = document.getElementById("text");
  const notice = document.getElementById("notice");
  const BUSY = "Too many new chats are starting right now. Please try again in a minute. " +
    "/ Mae gormod o sgyrsiau newydd yn dechrau ar hyn o bryd. Rhowch gynnig arall arni ymhen munud.";
  const LINK = /https?:\/\/[^\s<>"')]+[^\s<>"').,;:!?]/g;
  // Each message is shown once, by its id, however polls overlap or come back out of order.
  const shown = new Map();
  let last = 0;
  let inFlight = 0;
  // Quick replies: a question's answers as buttons under the last message. The newest word on
  // buttons counts (a list, or [] for none) until the person writes; tapping one sends its
  // label as their message, exactly as if typed.
  const offers = new Map();  // message id -> its labels ([] takes buttons away)
  const mine = new Set();  // ids of the person's own messages
  let answered = 0;  // the question whose buttons were just used, before the poll shows it
  const buttons = document.createElement("div");
  buttons.id = "choices";
  buttons.className = "choices";
  buttons.setAttribute("role", "group");
  buttons.setAttribute("aria-label", log.dataset.choices || "Quick replies");

  function withLinks(parent, text) {  // addresses in a message become links (never HTML)
    let at = 0;
    for (const match of text.matchAll(LINK)) {
      parent.appendChild(document.createTextNode(text.slice(at, match.index)));
      const a = document.createElement("a");
      a.href = match[0];
      a.textContent = match[0];
      a.target = "_blank";
      a.rel = "noopener";
      parent.appendChild(a);
      at = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }
  function show(m) {
    const id = Number(m.id);
    if (!Number.isSafeInteger(id) || shown.has(id)) return;
    const div = document.createElement("div");
    const kind = m.from === "you" || m.from === "advisor" ? m.from : "quitbot";
    div.className = "msg " + kind;
    div.dataset.from = m.from;
    div.dataset.id = String(id);
    if (kind === "advisor") {  // a person from the team wrote this, not the bot
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = m.label || "A person from the team / Rhywun o'r tîm";
      div.appendChild(who);
    }
    if (kind === "you") div.textContent = m.text; else withLinks(div, m.text);
    // In id order, even when a slower poll brings older messages after newer ones.
    let next = null;
    for (const [other, element] of shown) {
      if (other > id && (next === null || other < Number(next.dataset.id))) next = element;
    }
    log.insertBefore(div, next);
    shown.set(id, div);
    if (kind === "you") mine.add(id);
    else if (Array.isArray(m.choices)) offers.set(id, m.choices.map(String));
    if (next === null) log.scrollTop = log.scrollHeight;
  }
  function waiting() {  // the question whose buttons show now: [id, labels], or null
    const ids = [...shown.keys()].sort((a, b) => b - a);
    for (const id of ids) {
      if (mine.has(id)) return null;  // answered (tapped or typed)
      if (offers.has(id)) return offers.get(id).length && id !== answered ? [id, offers.get(id)] : null;
    }
    return null;
  }
  function offer() {  // buttons under the last message, or none
    const now = waiting();
    if (now === null) {
      buttons.replaceChildren();
      buttons.remove();
      delete buttons.dataset.question;
      return;
    }
    const [id, labels] = now;
    if (buttons.dataset.question !== String(id)) {
      buttons.replaceChildren(...labels.map((label) => {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "choice";
        b.textContent = label;
        b.addEventListener("click", () => tap(id, label));
        return b;
      }));
      buttons.dataset.question = String(id);
    }
    if (log.lastElementChild !== buttons) {
      log.appendChild(buttons);
      log.scrollTop = log.scrollHeight;
    }
  }
  async function tap(id, label) {
    answered = id;
    offer();
    input.focus();
    if (!(await send(label))) { answered = 0; offer(); }
  }
  function follow(page) {  // the page's own words follow the person's language (CYMRAEG)
    if (!page || !page.lang || page.lang === document.documentElement.lang) return;
    document.documentElement.lang = page.lang;
    document.title = page.title;
    document.getElementById("intro").textContent = page.intro;
    document.getElementById("hint").textContent = page.hint;
    const privacy = document.getElementById("privacy");
    privacy.textContent = page.privacy;
    privacy.href = page.privacy_href;
    input.placeholder = page.placeholder;
    input.setAttribute("aria-label", page.label);
    document.getElementById("send-button").textContent = page.send;
    notice.dataset.failed = page.failed;
    if (page.choices) buttons.setAttribute("aria-label", page.choices);
  }
  function warn(text) {
    notice.textContent = text;
    notice.hidden = !text;
  }
  async function poll() {
    inFlight += 1;
    try {
      const r = await fetch("/chat/api/messages?after=" + last, {credentials: "same-origin"});
      if (r.ok) {
        const data = await r.json();
        for (const m of data.messages) { show(m); last = Math.max(last, Number(m.id) || 0); }
        follow(data.page);
        offer();
      }
    } catch (e) { /* offline for a moment: try again on the next poll */ }
    finally { inFlight -= 1; }
  }
  async function send(text) {  // true once the message is taken
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
      let reason = "";
      if (r) { try { reason = (await r.json()).error || ""; } catch (e) { reason = ""; } }
      warn(r && r.status === 429 ? BUSY : (reason || notice.dataset.failed));
      return false;
    }
    warn("");
    await poll();  // at once, even while a timed poll is still out: `show` keeps it to once
    return true;
  }
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    const question = waiting();
    if (question) { answered = question[0]; offer(); }  // typed instead of tapped
    if (!(await send(text))) {
      if (!input.value) input.value = text;  // nothing typed is lost
      answered = 0;
      offer();
    }
  });
  poll();
  setInterval(() => { if (inFlight === 0) poll(); }, 1500);
})();
