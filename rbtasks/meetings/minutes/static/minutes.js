// The minutes page's "Print" button (templates/meetings/minutes.html); without
// this file the button stays hidden and the browser's own print still works.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
});
