// Shows each <time class="when"> in the reader's own time zone and language. Without this script
// (or with scripts off) the page still reads well: the server writes the time in UTC.
(function () {
  var format = new Intl.DateTimeFormat(undefined, {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
  });
  document.querySelectorAll('time.when[datetime]').forEach(function (t) {
    var d = new Date(t.getAttribute('datetime'));
    if (isNaN(d.getTime())) return;
    t.title = t.textContent; // the UTC text stays one hover away
    t.textContent = format.format(d);
  });
})();
