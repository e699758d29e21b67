// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Confirm destructive actions: <form data-confirm="...">
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  // Filter forms submit on change of a select: <form data-autosubmit>
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  // A multiple-choice filter names what is ticked: <details> in a .multi-choice fieldset
  document.querySelectorAll(".multi-choice").forEach((choice) => {
    const summary = choice.querySelector("summary");
    const details = choice.querySelector("details");
    details.addEventListener("toggle", () => {
      if (!details.open) return;
      document.querySelectorAll(".multi-choice details[open]").forEach((other) => {
        if (other !== details) other.open = false;
      });
    });
    choice.addEventListener("change", () => {
      const ticked = [...choice.querySelectorAll("input:checked")]
        .map((input) => input.parentElement.textContent.trim());
      summary.textContent = ticked.length ? ticked.join(", ") : summary.dataset.all;
      summary.title = ticked.join(", ");
    });
  });
});
