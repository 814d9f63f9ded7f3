// Progressive enhancement only: every form works without this file.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.textContent.trim()).then(() => {
    const label = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 1500);
  });
});
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
});
// An upload shows its progress when scripts run; the form posts as usual when they do not.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const bar = form.dataset.progress && document.getElementById(form.dataset.progress);
  if (!bar || event.defaultPrevented) return;
  event.preventDefault();
  const request = new XMLHttpRequest();
  request.open("POST", form.action);
  bar.hidden = false;
  request.upload.addEventListener("progress", (progress) => {
    if (progress.lengthComputable) bar.value = Math.round((100 * progress.loaded) / progress.total);
  });
  request.addEventListener("load", () => {
    document.open();
    document.write(request.responseText);
    document.close();
  });
  request.send(new FormData(form));
});
