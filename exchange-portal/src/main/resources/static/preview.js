// Live preview on the circuit forms. When typing pauses, the form is posted the way its Preview
// button posts it, in the background, and the preview section of the page that comes back (drawn
// by the server: diagram, error with its place, formulas, highlighted source) replaces the one
// shown. Nothing is saved. Without this script (or with scripts off) the Preview button does the
// same by loading the page again.
(function () {
  var form = document.querySelector('form[data-live-preview]');
  if (!form || !window.fetch || !window.DOMParser || !window.FormData) return;
  var button = form.querySelector('button[name=preview]');
  if (!button) return;
  var url = button.getAttribute('formaction').replace(/#.*$/, '');
  var PAUSE_MS = 600;
  var timer = null;
  var sent = 0;     // requests started; an answer is shown only if no later one was started
  var last = null;  // the form's text as last previewed, so a pause with no change posts nothing

  function snapshot() {
    return ['title', 'description', 'qasm'].map(function (n) {
      var f = form.elements[n];
      return f ? f.value : '';
    }).join('\u0000');
  }

  function refresh() {
    var now = snapshot();
    if (now === last) return;
    last = now;
    var body = new FormData(form);
    body.set('preview', '1');
    // The server reads an uploaded file only when the box is empty; do not send it again at every pause.
    if (form.elements.qasm && form.elements.qasm.value.trim() !== '') body.delete('qasmFile');
    var mine = ++sent;
    var shown = document.getElementById('preview');
    if (shown) shown.setAttribute('aria-busy', 'true');
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (mine !== sent) return; // a newer preview is on its way
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('preview');
        if (!fresh) return;
        fresh = document.importNode(fresh, true);
        fresh.setAttribute('data-live', 'true');
        var old = document.getElementById('preview');
        if (old) old.replaceWith(fresh); else form.after(fresh);
      })
      .catch(function () { /* the Preview button still works */ })
      .finally(function () {
        var s = document.getElementById('preview');
        if (s && mine === sent) s.removeAttribute('aria-busy');
      });
  }

  form.addEventListener('input', function (e) {
    var n = e.target && e.target.name;
    if (n !== 'qasm' && n !== 'description' && n !== 'title') return;
    clearTimeout(timer);
    timer = setTimeout(refresh, PAUSE_MS);
  });
})();
