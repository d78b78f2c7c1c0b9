// Focus island: moves keyboard focus to the element marked data-focus-on-load (the error summary
// of a form that came back with problems), so keyboard and screen-reader users start at the list
// of what to fix. Without JavaScript the summary is still the first thing in main and is
// announced (role="alert"); this only adds the focus.
const target = document.querySelector("[data-focus-on-load]");
if (target instanceof HTMLElement) target.focus();
