/* Subjects of a signal typed per kind: the fields of the chosen kind, a search in the registers
   with suggestions (an ARIA 1.2 combobox with a listbox), and one more row without posting.
   Without this script every field shows, the identifier is typed, and "one more subject" posts
   the form. Texts come translated from the page's data- attributes (data-subject-strings). */
(function () {
  "use strict";

  var MINIMUM = 3; // the API does not search shorter text either
  var DELAY = 250;

  function strings(box) {
    return box.querySelector("[data-subject-strings]").dataset;
  }

  function say(box, key, values) {
    var text = strings(box)[key] || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.replace("{" + name + "}", values[name]);
    });
    return text;
  }

  function field(row, name) {
    return row.querySelector('[data-subject-field="' + name + '"]');
  }

  function wrapper(input) {
    return input && input.closest(".utrecht-form-field");
  }

  /* Show what the chosen kind needs: its identifier's label, its fields, its register search. */
  function showKind(row) {
    var select = field(row, "kind");
    var option = select.options[select.selectedIndex];
    if (!option) return;
    var identifier = field(row, "identifier");
    var label = row.querySelector('label[for="' + identifier.id + '"]');
    if (label && option.dataset.identifierLabel) label.textContent = option.dataset.identifierLabel;
    var fields = (option.dataset.fields || "").split(" ");
    ["name", "birth_date"].forEach(function (name) {
      var input = field(row, name);
      var box = wrapper(input);
      // a field with a value stays visible, so nothing typed is hidden and then posted unseen
      if (box) box.hidden = fields.indexOf(name) < 0 && !input.value;
    });
    var search = row.querySelector("[data-subject-search]");
    var hint = option.dataset.searchHint || "";
    search.hidden = !hint;
    row.querySelector("[data-subject-hint]").textContent = hint;
    row.querySelector("[data-subject-error]").hidden = true;
    close(row);
  }

  function close(row) {
    var input = row.querySelector("[data-subject-query]");
    var list = row.querySelector('[role="listbox"]');
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function options(row) {
    return Array.prototype.slice.call(row.querySelectorAll('[role="option"]'));
  }

  function activate(row, index) {
    var input = row.querySelector("[data-subject-query]");
    options(row).forEach(function (option, i) {
      var active = i === index;
      option.setAttribute("aria-selected", active ? "true" : "false");
      option.classList.toggle("signals-combobox__option--active", active);
      if (active) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    });
  }

  function choose(box, row, option) {
    var s = JSON.parse(option.dataset.suggestion);
    field(row, "identifier").value = s.kenmerk;
    var name = field(row, "name");
    if (s.naam && !wrapper(name).hidden) name.value = s.naam; // a person's name is its identifier
    if (s.geboortedatum) field(row, "birth_date").value = s.geboortedatum;
    var input = row.querySelector("[data-subject-query]");
    input.value = s.label;
    close(row);
    row.querySelector("[data-subject-status]").textContent = say(box, "chosen", { label: s.label });
    input.focus();
  }

  function show(box, row, suggestions) {
    var input = row.querySelector("[data-subject-query]");
    var list = row.querySelector('[role="listbox"]');
    list.textContent = "";
    suggestions.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.className = "signals-combobox__option";
      li.textContent = s.label;
      li.dataset.suggestion = JSON.stringify(s);
      // mousedown, not click: choosing must come before the input loses focus
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(box, row, li);
      });
      list.appendChild(li);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
    var n = suggestions.length;
    row.querySelector("[data-subject-status]").textContent =
      n === 0 ? say(box, "none") : n === 1 ? say(box, "one") : say(box, "many", { n: n });
  }

  function search(box, row) {
    var input = row.querySelector("[data-subject-query]");
    var text = input.value.trim();
    var kind = field(row, "kind").value;
    if (text.length < MINIMUM) {
      close(row);
      return;
    }
    var asked = kind + "|" + text;
    row.dataset.asked = asked;
    row.querySelector("[data-subject-error]").hidden = true;
    var url = strings(box).suggestUrl + "?" + new URLSearchParams({ soort: kind, q: text });
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.detail || "");
          return body;
        });
      })
      .then(function (suggestions) {
        if (row.dataset.asked === asked) show(box, row, suggestions); // an older answer is late
      })
      .catch(function (error) {
        if (row.dataset.asked !== asked) return;
        close(row);
        var message = error.message || say(box, "failed");
        var shown = row.querySelector("[data-subject-error]");
        shown.textContent = message; // e.g. persons: declare the purpose first
        shown.hidden = false;
        row.querySelector("[data-subject-status]").textContent = message;
      });
  }

  function wire(box, row) {
    var input = row.querySelector("[data-subject-query]");
    var timer = null;
    field(row, "kind").addEventListener("change", function () {
      input.value = "";
      showKind(row);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        search(box, row);
      }, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var all = options(row);
      var open = input.getAttribute("aria-expanded") === "true";
      var current = all.findIndex(function (o) {
        return o.getAttribute("aria-selected") === "true";
      });
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) return;
        event.preventDefault();
        if (!open) {
          row.querySelector('[role="listbox"]').hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        var step = event.key === "ArrowDown" ? 1 : -1;
        activate(row, (current + step + all.length) % all.length);
      } else if (event.key === "Enter") {
        if (open && current >= 0) {
          event.preventDefault(); // choosing is no submitting
          choose(box, row, all[current]);
        } else if (open) {
          event.preventDefault();
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close(row);
        }
      }
    });
    input.addEventListener("blur", function () {
      close(row);
    });
    // the list of every kind's identifier is for a page without this script: the label says it now
    var help = document.getElementById(field(row, "identifier").id + "_helptext");
    if (help) help.hidden = true;
    showKind(row);
  }

  function addRow(box) {
    var total = box.querySelector('input[name$="-TOTAL_FORMS"]');
    var max = box.querySelector('input[name$="-MAX_NUM_FORMS"]');
    var n = parseInt(total.value, 10);
    if (max && n >= parseInt(max.value, 10)) return;
    var template = box.querySelector("template[data-subject-template]");
    var html = template.innerHTML.replace(/__prefix__/g, String(n));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    row.querySelector("legend").textContent = say(box, "row", { n: n + 1 });
    box.querySelector("[data-subject-rows]").appendChild(row);
    total.value = String(n + 1);
    wire(box, row);
    field(row, "kind").focus();
  }

  document.querySelectorAll("[data-subjects]").forEach(function (box) {
    box.querySelectorAll("[data-subject-rows] [data-subject], :scope > [data-subject]").forEach(function (row) {
      wire(box, row);
    });
    var add = box.querySelector("[data-subject-add]");
    if (add) {
      add.type = "button"; // Enter in a field submits the signal, not "one more subject"
      add.addEventListener("click", function () {
        addRow(box);
      });
    }
  });
})();
