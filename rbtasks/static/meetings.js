// The meeting page's "add an item row": copies the last blank row of the
// decision form with its field names renumbered (items-2-title → items-3-title).
// Without JavaScript the form keeps its three rows.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-add-row]").forEach((button) => {
    const container = document.querySelector(button.dataset.addRow);
    if (!container) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const rows = container.querySelectorAll("[data-row]");
      const last = rows[rows.length - 1];
      const next = rows.length;
      const copy = last.cloneNode(true);
      copy.querySelectorAll("[name], [id], [for]").forEach((element) => {
        ["name", "id", "for"].forEach((attribute) => {
          const value = element.getAttribute(attribute);
          if (value) element.setAttribute(attribute, value.replace(/^items-\d+-/, `items-${next}-`));
        });
        if (element.matches("input")) element.value = "";
        if (element.matches("select")) element.selectedIndex = 0;
      });
      copy.querySelectorAll(".field-error").forEach((error) => error.remove());
      const legend = copy.querySelector("legend");
      if (legend) legend.textContent = legend.textContent.replace(/\d+/, String(next + 1));
      container.appendChild(copy);
      const first = copy.querySelector("input");
      if (first) first.focus();
    });
  });
});
