/* fhkg: search on the static site. Reads search.json (labels in Swedish and English,
   alternative labels, classes and page paths) and shows matching pages as you type.
   Without JavaScript the search box stays a link to the class indexes. No dependencies. */
(function () {
  "use strict";

  var box = document.getElementById("search");
  if (!box || !window.fetch || !window.URL) {
    return;
  }
  var lang = box.getAttribute("data-lang") === "en" ? "en" : "sv";
  var indexUrl = new URL(box.getAttribute("data-index"), document.baseURI);
  var fallback = box.innerHTML;
  var index = null;
  var loading = null;
  var selected = -1;
  var MAX = 20;

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function load() {
    if (!loading) {
      loading = fetch(indexUrl.href)
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          index = data;
          data.items.forEach(function (item) {
            var names = [item.sv, item.en].concat(item.alt || []);
            item.keys = names.filter(Boolean).map(fold);
            item.name = item[lang] || item.sv || item.en;
          });
          return data;
        });
    }
    return loading;
  }

  function score(item, words) {
    var best = 0;
    for (var k = 0; k < item.keys.length; k++) {
      var key = item.keys[k];
      var all = true;
      for (var w = 0; w < words.length; w++) {
        if (key.indexOf(words[w]) < 0) {
          all = false;
          break;
        }
      }
      if (!all) {
        continue;
      }
      var s = 1;
      if (key === words.join(" ")) {
        s = 5;
      } else if (key.indexOf(words[0]) === 0) {
        s = 3;
      } else if (key.indexOf(" " + words[0]) >= 0) {
        s = 2;
      }
      if (k < 2) {
        s += 0.5;
      }
      s -= Math.min(key.length, 200) / 1000; /* shorter names first */
      if (s > best) {
        best = s;
      }
    }
    if (best && item.kind === "resource") {
      best += 0.25;
    }
    return best;
  }

  function search(text) {
    var words = fold(text).split(/\s+/).filter(Boolean);
    if (!words.length || !index) {
      return [];
    }
    var hits = [];
    index.items.forEach(function (item) {
      var s = score(item, words);
      if (s) {
        hits.push({ item: item, score: s });
      }
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.item.name.localeCompare(b.item.name, lang);
    });
    return hits.slice(0, MAX).map(function (h) {
      return h.item;
    });
  }

  function classNames(item) {
    if (item.kind !== "resource") {
      return "";
    }
    return item["class"]
      .map(function (c) {
        var info = index.classes[c];
        return info ? info[lang] : c;
      })
      .join(", ");
  }

  function build() {
    box.innerHTML = "";
    var form = document.createElement("form");
    form.setAttribute("role", "search");
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.htmlFor = "search-input";
    label.textContent = box.getAttribute("data-label");
    var input = document.createElement("input");
    input.type = "search";
    input.id = "search-input";
    input.autocomplete = "off";
    input.placeholder = box.getAttribute("data-placeholder");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", "search-results");
    input.setAttribute("aria-expanded", "false");
    var list = document.createElement("ul");
    list.id = "search-results";
    list.className = "results";
    list.setAttribute("role", "listbox");
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    form.appendChild(label);
    form.appendChild(input);
    box.appendChild(form);
    box.appendChild(list);
    box.appendChild(status);

    function show(items) {
      list.innerHTML = "";
      selected = -1;
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = "search-result-" + i;
        li.setAttribute("role", "option");
        var a = document.createElement("a");
        a.href = new URL(lang === "en" ? item.page_en : item.page, indexUrl).href;
        a.textContent = item.name;
        li.appendChild(a);
        var kind = classNames(item);
        if (kind) {
          var small = document.createElement("small");
          small.textContent = kind;
          li.appendChild(small);
        }
        list.appendChild(li);
      });
      if (!items.length && input.value.trim()) {
        var none = document.createElement("li");
        none.textContent = box.getAttribute("data-none");
        list.appendChild(none);
      }
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      status.textContent = input.value.trim() ? items.length + "" : "";
    }

    function mark(i) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) {
        return;
      }
      selected = (i + options.length) % options.length;
      for (var k = 0; k < options.length; k++) {
        options[k].setAttribute("aria-selected", k === selected ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", options[selected].id);
      options[selected].scrollIntoView({ block: "nearest" });
    }

    input.addEventListener("input", function () {
      load().then(
        function () {
          show(search(input.value));
        },
        function () {
          box.innerHTML = fallback;
          var p = document.createElement("p");
          p.textContent = box.getAttribute("data-error");
          box.appendChild(p);
        }
      );
    });
    input.addEventListener("focus", function () {
      load().catch(function () {});
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        mark(selected + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        mark(selected - 1);
      } else if (event.key === "Escape") {
        input.value = "";
        show([]);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var options = list.querySelectorAll("[role=option] a");
      var target = options[selected >= 0 ? selected : 0];
      if (target) {
        window.location.href = target.href;
      }
    });
  }

  build();
})();
