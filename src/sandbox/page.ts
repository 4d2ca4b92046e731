/**
 * The sandbox page: a small Slack-like window onto the Local Slack. It renders Block Kit the way Slack shows
 * it (display only — the bot's own formatting goes through a kept markdown library) and sends what a person
 * does back through /sandbox/api, which signs it like Slack and delivers it to the bot.
 */
export const SANDBOX_PAGE_HTML = /* html */ `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Integration Architect — local Slack sandbox</title>
<link rel="icon" href="data:,">
<style>
  :root { --side:#3f0e40; --accent:#1264a3; --border:#ddd; --muted:#616061; }
  * { box-sizing: border-box; }
  body { margin:0; font:15px/1.46 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color:#1d1c1d; display:flex; height:100vh; }
  nav { width:230px; background:var(--side); color:#fff; padding:12px; display:flex; flex-direction:column; gap:6px; }
  nav h1 { font-size:16px; margin:0 0 8px; }
  nav button { background:none; border:0; color:#cfc3cf; text-align:left; padding:4px 8px; border-radius:4px; cursor:pointer; font-size:15px; }
  nav button.active { background:var(--accent); color:#fff; }
  nav label { font-size:12px; color:#cfc3cf; margin-top:12px; }
  nav select { width:100%; }
  main { flex:1; display:flex; flex-direction:column; min-width:0; }
  header { border-bottom:1px solid var(--border); padding:10px 16px; font-weight:700; }
  #timeline { flex:1; overflow:auto; padding:8px 16px; }
  #thread { width:clamp(440px, 50vw, 720px); border-left:1px solid var(--border); display:none; flex-direction:column; }
  #thread.open { display:flex; }
  #thread-body { flex:1; overflow:auto; padding:8px 12px; }
  .msg { padding:6px 0; border-bottom:1px solid #f3f3f3; }
  .who { font-weight:700; } .when { color:var(--muted); font-size:12px; margin-left:6px; }
  .bot .who::after { content:"APP"; font-size:10px; background:#e8e8e8; color:var(--muted); padding:0 3px; margin-left:4px; border-radius:2px; }
  .ephemeral { background:#f8f8f8; border-left:3px solid #bbb; padding-left:8px; }
  .ephemeral .note { font-size:12px; color:var(--muted); }
  .replies { color:var(--accent); cursor:pointer; font-size:13px; margin-top:2px; }
  .block-header { font-weight:800; font-size:17px; margin:6px 0 2px; }
  .block-context { color:var(--muted); font-size:13px; }
  .block-divider { border:0; border-top:1px solid var(--border); }
  .block-actions button, .modal button, form.composer button { border:1px solid #bbb; background:#fff; border-radius:4px; padding:3px 10px; margin:4px 6px 0 0; cursor:pointer; }
  .block-actions button.primary, .modal button.primary { background:#007a5a; color:#fff; border-color:#007a5a; }
  /* Tables are drawn in code blocks: keep their lines whole and scroll sideways rather than wrap. */
  pre { background:#f8f8f8; border:1px solid #e8e8e8; padding:8px; overflow-x:auto; font-size:12px; border-radius:4px; white-space:pre; margin:4px 0; }
  code { background:#f3f3f3; padding:0 3px; border-radius:3px; font-size:13px; color:#c01343; }
  form.composer { display:flex; gap:8px; padding:10px 16px; border-top:1px solid var(--border); }
  form.composer input { flex:1; padding:8px; border:1px solid #bbb; border-radius:6px; font-size:15px; }
  .modal-backdrop { position:fixed; inset:0; background:rgba(0,0,0,.4); display:none; align-items:center; justify-content:center; }
  .modal-backdrop.open { display:flex; }
  .modal { background:#fff; width:560px; max-height:90vh; overflow:auto; border-radius:8px; padding:16px; }
  .modal label { display:block; font-weight:700; margin-top:10px; }
  .modal textarea, .modal input { width:100%; padding:6px; border:1px solid #bbb; border-radius:4px; font:inherit; }
  .modal .hint { color:var(--muted); font-size:12px; }
  .modal .error { color:#e01e5a; font-size:13px; }
  .modal .error:empty { display:none; }
  #home { display:none; padding:12px 16px; overflow:auto; }
  #canvas { display:none; padding:12px 24px; overflow:auto; }
  #canvas h1 { font-size:20px; } #canvas h2 { font-size:17px; margin-top:18px; } #canvas img, .block-image img { max-width:100%; border:1px solid var(--border); border-radius:6px; }
  #canvas table { border-collapse:collapse; } #canvas td, #canvas th { border:1px solid var(--border); padding:3px 6px; font-size:13px; }
  .block-image { margin:6px 0; } a.button { display:inline-block; padding:4px 10px; border:1px solid var(--border); border-radius:4px; margin-right:6px; text-decoration:none; }
  .file { border:1px solid var(--border); border-radius:6px; padding:6px 10px; display:inline-block; margin-top:4px; }
  .streaming { color:#007a5a; font-size:12px; margin-left:6px; animation:pulse 1s ease-in-out infinite alternate; }
  @keyframes pulse { from { opacity:1; } to { opacity:.3; } }
  #assistant { display:none; flex:1; padding:12px 16px; overflow:auto; }
  .assistant-status { color:var(--muted); font-style:italic; margin:6px 0; }
</style>
</head>
<body>
<nav>
  <h1>Local Slack</h1>
  <div id="channels"></div>
  <button id="home-tab">🏠 Integration Architect (Home)</button>
  <button id="assistant-tab">✨ Integration Architect (Assistant)</button>
  <label for="user">Acting as</label>
  <select id="user"></select>
</nav>
<main>
  <header id="title">#general</header>
  <div id="timeline" aria-live="polite"></div>
  <div id="home"></div>
  <div id="assistant"></div>
  <div id="canvas"></div>
  <form class="composer" id="composer">
    <input id="input" autocomplete="off" placeholder="/integration-design sync Stripe payments into Salesforce">
    <button type="submit">Send</button>
  </form>
</main>
<aside id="thread">
  <header>Thread <button id="close-thread" style="float:right">✕</button></header>
  <div id="thread-body"></div>
  <form class="composer" id="thread-composer">
    <input id="thread-input" autocomplete="off" placeholder="Reply in thread…">
    <button type="submit">Reply</button>
  </form>
</aside>
<div class="modal-backdrop" id="modal"><div class="modal" id="modal-body"></div></div>
<script>
(() => {
  let state = null, channel = 'C0GENERAL1', user = 'U0ALICE001', openThread = null, view = 'channel', openCanvas = null, modalErrors = {}, assistantTs = null;
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;' }[c]));
  const unesc = (s) => String(s ?? '').replace(/&lt;/g,'<').replace(/&gt;/g,'>').replace(/&amp;/g,'&');
  const nameOf = (id) => (state.users.find((u) => u.id === id) || {}).realName || (id === state.bot ? 'Integration Architect' : id);

  // mrkdwn for display: links and mentions first (they are the only raw "<...>" in mrkdwn), then inline styles.
  function mrkdwn(text) {
    const parts = String(text ?? '').split(/(\`\`\`[\\s\\S]*?\`\`\`)/g);
    // A code block is a block of its own: the line breaks right around it add no space.
    for (let i = 1; i < parts.length; i += 2) {
      parts[i - 1] = parts[i - 1].replace(/\\n$/, '');
      if (i + 1 < parts.length) parts[i + 1] = parts[i + 1].replace(/^\\n/, '');
    }
    return parts.map((p) => {
      if (p.startsWith('\`\`\`') && p.endsWith('\`\`\`') && p.length >= 6) return '<pre>' + esc(unesc(p.slice(3, -3)).replace(/^\\n|\\n$/g, '')) + '</pre>';
      let out = '', last = 0; const re = /<([^>|]+)(?:\\|([^>]*))?>/g; let m;
      while ((m = re.exec(p))) { out += inline(p.slice(last, m.index)); out += token(m[1], m[2]); last = re.lastIndex; }
      return out + inline(p.slice(last));
    }).join('');
  }
  function token(target, label) {
    if (/^https?:/.test(target)) return '<a href="' + esc(target) + '" target="_blank" rel="noopener">' + esc(unesc(label || target)) + '</a>';
    if (target.startsWith('@')) return '<b>@' + esc(nameOf(target.slice(1))) + '</b>';
    if (target.startsWith('#')) return '<b>#' + esc(label || target.slice(1)) + '</b>';
    if (target.startsWith('!date^')) { const d = new Date(Number(target.split('^')[1]) * 1000); return esc(isNaN(d.getTime()) ? unesc(label || '') : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' })); }
    if (/^!(here|channel|everyone)$/.test(target)) return '<b>@' + target.slice(1) + '</b>';
    return esc('<' + target + (label ? '|' + label : '') + '>');
  }
  // Slack shows :shortcodes: as emoji; these are the ones the bot uses (others stay as typed, as in Slack).
  const EMOJI = { building_construction:'🏗️', white_check_mark:'✅', warning:'⚠️', mag:'🔍', hourglass:'⌛', x:'❌', memo:'📝', lock:'🔒' };
  // A zero-width space counts as a word boundary for *bold* and _italic_ (Slack formatters put one around them).
  function inline(s) {
    return esc(unesc(s))
      .replace(/\`([^\`\\n]+)\`/g, '<code>$1</code>')
      .replace(/(^|[\\s(\\u200B])\\*([^*\\n]+)\\*/g, '$1<b>$2</b>')
      .replace(/(^|[\\s(\\u200B])_([^_\\n]+)_/g, '$1<i>$2</i>')
      .replace(/(^|[\\s(\\u200B])~([^~\\n]+)~/g, '$1<s>$2</s>')
      .replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] || m)
      .replace(/\\n/g, '<br>');
  }
  function textObj(t) { return !t ? '' : t.type === 'mrkdwn' ? mrkdwn(t.text) : esc(t.text); }
  function blocks(list, msg) {
    return (list || []).map((b) => {
      switch (b.type) {
        case 'header': return '<div class="block-header">' + esc(b.text && b.text.text) + '</div>';
        case 'section': return '<div class="block-section">' + textObj(b.text) + (b.fields || []).map(textObj).join('<br>') + '</div>';
        case 'markdown': return '<div class="block-section">' + mrkdwn(b.text) + '</div>';
        case 'context': return '<div class="block-context">' + (b.elements || []).map((e) => e.type === 'image' ? '' : textObj(e)).join(' ') + '</div>';
        case 'divider': return '<hr class="block-divider">';
        case 'context_actions': return '<div class="block-actions">' + (b.elements || []).filter((e) => e.type === 'feedback_buttons').map((e) => ['positive_button', 'negative_button'].map((side) =>
          '<button data-action="' + esc(e.action_id) + '" data-value="' + esc(e[side].value) + '" data-ts="' + esc(msg && msg.ts) + '" data-thread="' + esc(msg && (msg.thread_ts || msg.ts)) + '" title="' + esc(e[side].accessibility_label || '') + '">' + esc(e[side].text.text) + '</button>').join('')).join('') + '</div>';
        case 'image': { const f = b.slack_file && state.files[b.slack_file.id]; const src = b.image_url || (f && f.url) || (b.slack_file && b.slack_file.url) || '';
          return '<div class="block-image">' + (b.title ? '<div class="block-context">' + esc(b.title.text) + '</div>' : '') + '<img alt="' + esc(b.alt_text) + '" src="' + esc(src) + '"></div>'; }
        case 'actions': return '<div class="block-actions">' + (b.elements || []).filter((e) => e.type === 'button').map((e) => e.url
          ? '<a class="button' + (e.style === 'primary' ? ' primary' : '') + '" href="' + esc(e.url) + '" target="_blank" rel="noopener">' + esc(e.text && e.text.text) + '</a>'
          : '<button data-action="' + esc(e.action_id) + '" data-value="' + esc(e.value || '') + '" data-ts="' + esc(msg && msg.ts) + '" data-thread="' + esc(msg && (msg.thread_ts || msg.ts)) + '" class="' + (e.style === 'primary' ? 'primary' : '') + '">' + esc(e.text && e.text.text) + '</button>').join('') + '</div>';
        default: return '';
      }
    }).join('');
  }
  // Task and plan updates of a streamed message: the latest state of each task, as Slack's timeline shows them.
  function streamUpdates(m) {
    const tasks = new Map();
    for (const c of m.streamChunks || []) tasks.set(c.type === 'plan_update' ? 'plan' : 'task:' + c.id, c);
    const icon = { pending: '⏳', in_progress: '🔄', complete: '✅', error: '❌' };
    return [...tasks.values()].map((c) => '<div class="block-context">' + (c.type === 'plan_update' ? '📋 ' : (icon[c.status] || '') + ' ') + esc(c.title) + '</div>').join('');
  }
  function message(m, inThread) {
    // A streamed message (chat.startStream) shows its markdown with the stop call's blocks underneath.
    const streamed = 'streaming' in m;
    const body = streamed ? streamUpdates(m) + mrkdwn(m.text) + blocks(m.blocks, m) : m.blocks && m.blocks.length ? blocks(m.blocks, m) : mrkdwn(m.text);
    const files = (m.files || []).map((f) => '<div class="file">📄 <a href="' + esc(f.url_private) + '" download="' + esc(f.name) + '">' + esc(f.title || f.name) + '</a><div class="block-context">' + esc(f.name) + ' · ' + Number(f.size).toLocaleString() + ' bytes</div></div>').join('');
    const replies = !inThread && m.replies && m.replies.length ? '<div class="replies" data-thread="' + esc(m.ts) + '">' + m.replies.length + ' repl' + (m.replies.length === 1 ? 'y' : 'ies') + '</div>' : '';
    return '<div class="msg ' + (m.bot_id ? 'bot' : '') + '" data-ts="' + esc(m.ts) + '"><span class="who">' + esc(nameOf(m.user)) + '</span><span class="when">' +
      new Date(Number(m.ts) * 1000).toLocaleTimeString() + (m.edited ? ' (edited)' : '') + '</span>' + (m.streaming ? '<span class="streaming">streaming…</span>' : '') + '<div>' + body + files + '</div>' + replies + '</div>';
  }
  // The canvas's markdown, drawn the way Slack's canvas shows it: headings, lists, tables, images, links, quotes.
  function canvasHtml(md) {
    const cell = (t) => esc(t).replace(/\\*\\*([^*]+)\\*\\*/g, '<b>$1</b>').replace(/\`([^\`]+)\`/g, '<code>$1</code>')
      .replace(/!\\[([^\\]]*)\\]\\(([^)\\s]+)\\)/g, '<img alt="$1" src="$2">').replace(/\\[([^\\]]+)\\]\\(([^)\\s]+)\\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
    const out = []; let list = null; let table = null; let code = null;
    const flush = () => { if (list) { out.push('</' + list + '>'); list = null; } if (table) { out.push('<table>' + table.join('') + '</table>'); table = null; } };
    for (const line of md.split('\\n')) {
      if (code !== null) { if (line.startsWith('\`\`\`')) { out.push('<pre>' + esc(code.join('\\n')) + '</pre>'); code = null; } else code.push(line); continue; }
      if (line.startsWith('\`\`\`')) { flush(); code = []; continue; }
      const h = /^(#{1,3})\\s+(.*)$/.exec(line);
      if (h) { flush(); out.push('<h' + h[1].length + '>' + cell(h[2]) + '</h' + h[1].length + '>'); continue; }
      if (/^\\s*\\|/.test(line)) { if (list) flush(); if (/^\\s*\\|[\\s:|-]+\\|\\s*$/.test(line)) continue; table = table || []; table.push('<tr>' + line.trim().replace(/^\\||\\|$/g, '').split('|').map((c) => '<td>' + cell(c.trim()) + '</td>').join('') + '</tr>'); continue; }
      const li = /^\\s*(?:[-*]|(\\d+)\\.)\\s+(.*)$/.exec(line);
      if (li) { const kind = li[1] ? 'ol' : 'ul'; if (list !== kind) { flush(); out.push('<' + kind + '>'); list = kind; } out.push('<li>' + cell(li[2]) + '</li>'); continue; }
      flush();
      if (line.startsWith('> ')) out.push('<blockquote>' + cell(line.slice(2)) + '</blockquote>');
      else if (line.trim()) out.push('<p>' + cell(line) + '</p>');
    }
    flush();
    return out.join('');
  }
  function ephemeral(e) {
    return '<div class="msg ephemeral"><span class="who">Integration Architect</span><div class="note">Only visible to you</div><div>' + (e.blocks && e.blocks.length ? blocks(e.blocks, e) : mrkdwn(e.text)) + '</div></div>';
  }
  // Like Slack, a pane that was scrolled to the bottom follows new messages; one scrolled up stays put.
  function setHtml(el, html) {
    if (el.lastHtml === html) return;
    el.lastHtml = html;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    el.innerHTML = html;
    if (atBottom) el.scrollTop = el.scrollHeight;
  }
  // The person's assistant chats: pick one, see its title, status and suggested prompts (a click sends the prompt).
  function renderAssistant() {
    const threads = state.assistant || [];
    const t = threads.find((x) => x.threadTs === assistantTs) || threads[0];
    assistantTs = t ? t.threadTs : null;
    const list = '<div class="block-actions"><button id="assistant-new">＋ New chat</button>' + threads.map((x) => '<button data-assistant-thread="' + esc(x.threadTs) + '" class="' + (x === t ? 'primary' : '') + '">' + esc(x.title || 'Untitled chat') + '</button>').join('') + '</div>';
    if (!t) return list + '<p>No assistant chats yet.</p>';
    const status = t.status ? '<div class="assistant-status">Integration Architect ' + esc(t.status) + (t.loadingMessages.length ? ' — ' + esc(t.loadingMessages.join(' · ')) : '') + '</div>' : '';
    const prompts = t.prompts.length ? (t.promptsTitle ? '<div class="block-context">' + esc(t.promptsTitle) + '</div>' : '') + '<div class="block-actions">' + t.prompts.map((p) => '<button data-prompt="' + esc(p.message) + '" title="' + esc(p.message) + '">' + esc(p.title) + '</button>').join('') + '</div>' : '';
    return list + '<div class="block-header">' + esc(t.title || 'Untitled chat') + '</div>' + t.messages.map((m) => message(m, true)).join('') + status + prompts;
  }
  function render() {
    if (!state) return;
    $('channels').innerHTML = state.channels.map((c) => '<button data-channel="' + c.id + '" class="' + (view === 'channel' && c.id === channel ? 'active' : '') + '">' + (c.isPrivate ? '🔒 ' : '# ') + esc(c.name) + (c.botIsMember ? '' : ' <small>(bot not in)</small>') + '</button>').join('');
    $('home-tab').className = view === 'home' ? 'active' : '';
    $('assistant-tab').className = view === 'assistant' ? 'active' : '';
    const ch = state.channels.find((c) => c.id === channel);
    $('title').textContent = view === 'home' ? 'Integration Architect — Home' : view === 'assistant' ? 'Integration Architect — Assistant' : (ch.isPrivate ? '🔒 ' : '#') + ch.name;
    $('timeline').style.display = view === 'channel' ? '' : 'none';
    $('composer').style.display = view === 'channel' || view === 'assistant' ? '' : 'none';
    $('input').placeholder = view === 'assistant' ? 'Message Integration Architect…' : '/integration-design sync Stripe payments into Salesforce';
    $('assistant').style.display = view === 'assistant' ? 'block' : 'none';
    if (view === 'assistant') setHtml($('assistant'), renderAssistant());
    $('home').style.display = view === 'home' ? 'block' : 'none';
    $('canvas').style.display = view === 'canvas' ? 'block' : 'none';
    if (view === 'canvas') {
      const c = state.canvases.find((x) => x.id === openCanvas);
      $('title').textContent = c ? '📄 ' + c.title : 'Canvas';
      $('canvas').innerHTML = c ? canvasHtml(c.markdown) : '<p>This canvas does not exist.</p>';
    }
    const msgs = state.messages[channel] || [];
    const eph = state.ephemerals.filter((e) => e.channel === channel && !e.thread_ts);
    setHtml($('timeline'), msgs.map((m) => message(m, false)).join('') + eph.map(ephemeral).join(''));
    if (view === 'home') $('home').innerHTML = state.home ? blocks(state.home.blocks) : '<p>Loading…</p>';
    if (openThread) {
      const root = msgs.find((m) => m.ts === openThread);
      $('thread').classList.add('open');
      setHtml($('thread-body'), root ? message(root, true) + root.replies.map((r) => message(r, true)).join('') + state.ephemerals.filter((e) => e.thread_ts === openThread).map(ephemeral).join('') : '');
    } else $('thread').classList.remove('open');
    renderModal();
  }
  // The modal is rebuilt only when the view itself changes (new id or hash): other state changes stream in
  // while a person types, and rebuilding would wipe what they typed. Errors are refreshed in place.
  let modalKey = null;
  function renderModal() {
    const v = state.modal;
    if (!v) { $('modal').classList.remove('open'); modalKey = null; return; }
    $('modal').classList.add('open');
    const key = v.id + ':' + v.hash;
    if (key === modalKey) {
      document.querySelectorAll('#modal-body [data-error-for]').forEach((el) => { el.textContent = modalErrors[el.dataset.errorFor] || ''; });
      return;
    }
    modalKey = key;
    const inputs = (v.blocks || []).filter((b) => b.type === 'input').map((b) => {
      const el = b.element || {}; const init = el.initial_value ?? '';
      const field = el.multiline ? '<textarea rows="3" data-block="' + esc(b.block_id) + '" data-action="' + esc(el.action_id) + '" data-type="' + esc(el.type) + '">' + esc(init) + '</textarea>'
        : '<input data-block="' + esc(b.block_id) + '" data-action="' + esc(el.action_id) + '" data-type="' + esc(el.type) + '" value="' + esc(init) + '">';
      const err = '<div class="error" data-error-for="' + esc(b.block_id) + '">' + esc(modalErrors[b.block_id] || '') + '</div>';
      return '<label>' + esc(b.label && b.label.text) + (b.optional ? ' <span class="hint">(optional)</span>' : '') + '</label>' + field + (b.hint ? '<div class="hint">' + esc(b.hint.text) + '</div>' : '') + err;
    }).join('');
    const other = blocks((v.blocks || []).filter((b) => b.type !== 'input'));
    $('modal-body').innerHTML = '<h3>' + esc(v.title && v.title.text) + '</h3>' + other + inputs + '<div style="margin-top:12px"><button class="primary" id="modal-submit">' + esc((v.submit && v.submit.text) || 'Submit') + '</button><button id="modal-cancel">Cancel</button></div>';
  }
  async function api(path, body) {
    const r = await fetch('/sandbox/api/' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return r.json();
  }
  // Refreshes can overlap (a change event and a user switch): only the latest one may render.
  let refreshSeq = 0;
  async function refresh() {
    const seq = ++refreshSeq;
    const next = await (await fetch('/sandbox/api/state?user=' + encodeURIComponent(user))).json();
    if (seq !== refreshSeq) return;
    state = next;
    if (!$('user').options.length) $('user').innerHTML = state.users.map((u) => '<option value="' + u.id + '">' + esc(u.realName) + '</option>').join('');
    render();
  }
  document.addEventListener('click', async (e) => {
    // Links to a canvas (Slack's /docs/<team>/<canvas> form) open the Local Slack's own canvas view.
    const a = e.target.closest('a');
    const doc = a && /\\/docs\\/[^/]+\\/(F[A-Z0-9]+)/.exec(a.getAttribute('href') || '');
    if (doc) { e.preventDefault(); openCanvas = doc[1]; view = 'canvas'; openThread = null; render(); return; }
    const t = e.target.closest('button, .replies');
    if (!t) return;
    if (t.dataset.channel) { channel = t.dataset.channel; view = 'channel'; openThread = null; render(); }
    else if (t.id === 'home-tab') { view = 'home'; openThread = null; render(); await api('home', { user }); }
    else if (t.id === 'assistant-tab') { view = 'assistant'; openThread = null; render(); }
    else if (t.id === 'assistant-new') { const r = await api('assistant', { user, contextChannel: channel }); assistantTs = r.threadTs || assistantTs; }
    else if (t.dataset.assistantThread) { assistantTs = t.dataset.assistantThread; render(); }
    else if (t.dataset.prompt !== undefined) { await sendToAssistant(t.dataset.prompt); }
    else if (t.id === 'close-thread') { openThread = null; render(); }
    else if (t.classList.contains('replies')) { openThread = t.dataset.thread; render(); }
    else if (t.id === 'modal-cancel') { modalErrors = {}; await api('close-modal', { user }); }
    else if (t.id === 'modal-submit') {
      const values = {};
      document.querySelectorAll('#modal-body [data-block]').forEach((el) => {
        const v = el.value; const type = el.dataset.type;
        values[el.dataset.block] = { [el.dataset.action]: type === 'number_input' ? { type, value: v } : { type: 'plain_text_input', value: v } };
      });
      const r = await api('view', { user, viewId: state.modal.id, values });
      modalErrors = r.errors || {};
      render();
    } else if (t.dataset.action) {
      await api('action', { user, channel, messageTs: t.dataset.ts, threadTs: t.dataset.thread, actionId: t.dataset.action, value: t.dataset.value });
    }
  });
  // What a person types in an assistant chat is a reply in that thread of their IM with the bot.
  async function sendToAssistant(text) {
    const t = (state.assistant || []).find((x) => x.threadTs === assistantTs);
    if (!t) { alert('Start a chat with ＋ New chat first.'); return; }
    await api('reply', { channel: t.channel, user, threadTs: t.threadTs, text });
  }
  $('user').addEventListener('change', (e) => { user = e.target.value; assistantTs = null; refresh(); });
  $('composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('input').value.trim(); if (!text) return;
    $('input').value = '';
    if (view === 'assistant') { await sendToAssistant(text); return; }
    const m = /^\\/integration-design\\b\\s*(.*)$/s.exec(text);
    if (m) await api('command', { channel, user, text: m[1] });
    else alert('Type /integration-design … here; reply to designs in their thread.');
  });
  $('thread-composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('thread-input').value.trim(); if (!text || !openThread) return;
    $('thread-input').value = '';
    await api('reply', { channel, user, threadTs: openThread, text });
  });
  const events = new EventSource('/sandbox/api/events');
  let pending = false;
  events.addEventListener('change', () => { if (pending) return; pending = true; setTimeout(() => { pending = false; refresh(); }, 150); });
  refresh();
})();
</script>
</body>
</html>`;
