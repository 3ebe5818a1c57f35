// The navigation's <details> menus open and close without JavaScript; with it, a click elsewhere, another menu
// opening or Escape closes an open one, as a menu does.
document.addEventListener("click", (event) => {
  for (const menu of document.querySelectorAll("details.nav-menu[open]")) {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const menu of document.querySelectorAll("details.nav-menu[open]")) {
    menu.removeAttribute("open");
    menu.querySelector("summary").focus();
  }
});
