// Material's storage helpers (base.js, the theme's own code, kept as it is) throw when the
// browser refuses storage (cookies blocked, some private windows: reading `localStorage` throws)
// or when a stored value is not JSON (a palette value edited or cut short): the theme's scripts
// then stop with an uncaught error on every page. Wrapped here, loaded right after base.js by
// overrides/partials/javascripts/base.html: an unreadable value reads as none, a write that
// fails is dropped (the theme then keeps its defaults).
(function () {
  "use strict";
  var get = window.__md_get;
  var set = window.__md_set;
  window.__md_get = function () {
    try {
      return get.apply(this, arguments);
    } catch (err) {
      return null;
    }
  };
  window.__md_set = function () {
    try {
      return set.apply(this, arguments);
    } catch (err) {
      return undefined;
    }
  };
})();
