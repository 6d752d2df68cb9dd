document.getElementById("app")!.textContent = "admin console: work in progress";
