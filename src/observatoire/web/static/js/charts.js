/*
 * Charts: every Vega-Lite specification embedded in the page is drawn as SVG with vega-embed.
 *
 * Convention (no inline script: the content security policy forbids it):
 *
 *   {{ chart.spec|json_script:"spec-emploi" }}
 *   <figure>
 *     <div class="chart" data-vega-spec="spec-emploi" role="img" aria-label="{{ chart.alt }}"></div>
 *     <figcaption>…</figcaption>
 *   </figure>
 *
 * A target element names the id of its <script type="application/json"> (Django's json_script). A
 * <script class="vega-spec" id="X" data-target="Y"> also works: the spec X is drawn into element #Y.
 * Charts are drawn when the page loads and in every fragment HTMX swaps in. Vega expressions are
 * interpreted (ast: true), never compiled with new Function (no 'unsafe-eval'), and no <style> is
 * injected (defaultStyle: false; the tooltip's look is in the site's stylesheets).
 * The data table beside each chart stays the reference: if drawing fails, the table is still there.
 */
(function () {
  "use strict";

  var FRENCH_NUMBERS = {
    decimal: ",",
    thousands: "\u202f",
    grouping: [3],
    currency: ["", "\u00a0€"],
    minus: "\u2212",
    percent: "\u202f%"
  };

  var OPTIONS = {
    actions: false,
    renderer: "svg",
    ast: true,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
    formatLocale: FRENCH_NUMBERS,
    // Links in a chart (the map's territories) open in the same tab.
    loader: { target: "_self" }
  };

  // Vega names its marks for screen readers in English (« visualization », « point mark container »):
  // the same roles, said in French. What each mark stands for is its description, set in the spec.
  var MARK_NAMES = {
    arc: "secteur", area: "aire", group: "groupe", image: "image", line: "ligne", path: "forme",
    rect: "barre", rule: "segment", shape: "territoire", symbol: "point", text: "texte", trail: "trace"
  };
  var GUIDES = { axis: "axe", legend: "légende", title: "titre" };
  var CONTAINER = / mark container$/;
  var MARK = / mark$/;

  function frenchRole(role) {
    if (role === "visualization") {
      return "graphique";
    }
    if (GUIDES[role]) {
      return GUIDES[role];
    }
    if (CONTAINER.test(role)) {
      return "ensemble : " + (MARK_NAMES[role.replace(CONTAINER, "")] || "marques");
    }
    if (MARK.test(role)) {
      return MARK_NAMES[role.replace(MARK, "")] || "marque";
    }
    return role;
  }

  function speakFrench(target) {
    var described = Array.prototype.slice.call(target.querySelectorAll("[aria-roledescription]"));
    described.unshift(target);
    described.forEach(function (node) {
      var role = node.getAttribute("aria-roledescription");
      if (role && frenchRole(role) !== role) {
        node.setAttribute("aria-roledescription", frenchRole(role));
      }
    });
  }

  // Vega writes the roles again when it redraws (a chart as wide as its container redraws on resize).
  function keepFrench(target) {
    speakFrench(target);
    if (window.MutationObserver) {
      new MutationObserver(function () {
        speakFrench(target);
      }).observe(target, { subtree: true, childList: true, attributeFilter: ["aria-roledescription"] });
    }
  }

  // htmx inserts a <style> for its indicators unless told not to (the CSP refuses inline styles).
  if (window.htmx && window.htmx.config) {
    window.htmx.config.includeIndicatorStyles = false;
  }

  function readSpec(id) {
    var node = document.getElementById(id);
    if (!node) {
      throw new Error("spécification de graphique introuvable : #" + id);
    }
    return JSON.parse(node.textContent);
  }

  function draw(target, specId) {
    if (target.getAttribute("data-vega-state")) {
      return;
    }
    target.setAttribute("data-vega-state", "drawing");
    var spec;
    try {
      spec = readSpec(specId);
    } catch (error) {
      target.setAttribute("data-vega-state", "error");
      console.error(error);
      return;
    }
    window.vegaEmbed(target, spec, OPTIONS).then(
      function () {
        keepFrench(target);
        target.setAttribute("data-vega-state", "drawn");
      },
      function (error) {
        target.setAttribute("data-vega-state", "error");
        console.error("graphique non dessiné (" + specId + ")", error);
      }
    );
  }

  function drawAll(root) {
    if (typeof window.vegaEmbed !== "function") {
      console.error("vega-embed n'est pas chargé : graphiques non dessinés");
      return;
    }
    var scope = root && root.querySelectorAll ? root : document;
    var targets = Array.prototype.slice.call(scope.querySelectorAll("[data-vega-spec]"));
    if (scope.matches && scope.matches("[data-vega-spec]")) {
      targets.unshift(scope);
    }
    targets.forEach(function (target) {
      draw(target, target.getAttribute("data-vega-spec"));
    });
    Array.prototype.forEach.call(scope.querySelectorAll("script.vega-spec[data-target]"), function (node) {
      var target = document.getElementById(node.getAttribute("data-target"));
      if (target) {
        draw(target, node.id);
      }
    });
  }

  window.observatoireCharts = { drawAll: drawAll };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      drawAll(document);
    });
  } else {
    drawAll(document);
  }
  // Fragments swapped in by HTMX (the map's domain/lens selector, tabs...).
  document.addEventListener("htmx:load", function (event) {
    drawAll(event.target);
  });
})();
