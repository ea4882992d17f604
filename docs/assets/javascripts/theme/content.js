// Material's partials/javascripts/content.html (9.8.1, without the content.tabs.link part, a
// feature this site does not use), moved to a file for the CSP (see base.js).
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
