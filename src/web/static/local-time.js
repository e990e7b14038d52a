/* global document */
// Times on Passerelle's pages are written in the deployment's time zone, named (the page works
// without JavaScript). Where the browser is in another zone, each <time data-zone> is written in
// the citizen's own zone instead, named the same way (as src/web/dates.ts formatDateTime), with
// the deployment's text kept in its title.
(function () {
  var zone;
  try {
    zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  if (!zone) return;
  var lang = document.documentElement.lang || 'en';
  function format(instant) {
    var date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: zone }).format(instant);
    var time = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: zone }).format(instant);
    var name = new Intl.DateTimeFormat(lang, { timeZoneName: 'longGeneric', timeZone: zone }).formatToParts(instant)
      .filter(function (part) { return part.type === 'timeZoneName'; })[0];
    return date + ', ' + time + ' (' + (name ? name.value : zone) + ')';
  }
  Array.prototype.forEach.call(document.querySelectorAll('time[data-zone][datetime]'), function (element) {
    if (element.getAttribute('data-zone') === zone) return;
    var instant = new Date(element.getAttribute('datetime'));
    if (isNaN(instant.getTime())) return;
    var local;
    try {
      local = format(instant);
    } catch {
      return;
    }
    if (local === element.textContent) return;
    element.setAttribute('title', element.textContent);
    element.textContent = local;
  });
})();
