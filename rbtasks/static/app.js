// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Confirm destructive actions: <form data-confirm="...">
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  // Copy a read-only field: <button data-copy="FIELD_ID" data-copied="Copied" hidden>
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    if (!field || !navigator.clipboard) return;
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(field.value).then(() => {
        button.textContent = button.dataset.copied;
        setTimeout(() => { button.textContent = label; }, 2000);
      });
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
  // People pickers (templates/organisation/_people.html): reveal the search box,
  // hide the names that do not match, and say how many are chosen.
  document.querySelectorAll("[data-people-search]").forEach((search) => {
    const list = document.getElementById(search.dataset.peopleSearch);
    const count = document.querySelector(`[data-people-count="${list.id}"]`);
    const people = Array.from(list.querySelectorAll("label.person"));
    const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    const showCount = () => {
      const chosen = list.querySelectorAll("input:checked").length;
      count.textContent = list.dataset.chosenText.replace("{count}", chosen);
    };
    search.hidden = false;
    search.addEventListener("input", () => {
      const words = fold(search.value).split(/\s+/).filter(Boolean);
      people.forEach((person) => {
        const text = fold(person.textContent);
        person.hidden = !words.every((word) => text.includes(word));
      });
    });
    // Enter in the search box filters; it must not submit the form.
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
    list.addEventListener("change", showCount);
    showCount();
  });
});
