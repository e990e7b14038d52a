/* global document */
// The country page's filter, as you type. Without JavaScript the same form filters on the server:
// GET ?q= marks the countries that do not match as hidden. Here the marks follow the input.
(function () {
  var input = document.getElementById('country-query');
  var list = document.getElementById('country-list');
  var status = document.getElementById('country-status');
  if (!input || !list || !status) return;
  function fold(text) {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').trim();
  }
  var items = Array.prototype.slice.call(list.querySelectorAll('li[data-search]'));
  input.addEventListener('input', function () {
    var wanted = fold(input.value);
    var shown = 0;
    items.forEach(function (item) {
      var match = wanted === '' || item.getAttribute('data-search').split('|').some(function (term) { return term.indexOf(wanted) !== -1; });
      item.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = shown === 0 ? status.getAttribute('data-none') : '';
  });
})();
