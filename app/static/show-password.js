/* "Show password": the checkbox switches its form's password fields between dots and
   readable text, so an officer on a small phone screen can check what she typed.
   Without this script the checkbox stays hidden and the form works as before. */
(function () {
  "use strict";
  document.querySelectorAll("input[data-show-password]").forEach(function (box) {
    var form = box.form;
    if (!form) { return; }
    var fields = form.querySelectorAll('input[type="password"]');
    box.closest("label").hidden = false;
    box.addEventListener("change", function () {
      fields.forEach(function (field) { field.type = box.checked ? "text" : "password"; });
    });
    form.addEventListener("submit", function () {  // saved by the browser as a password
      fields.forEach(function (field) { field.type = "password"; });
    });
  });
}());
