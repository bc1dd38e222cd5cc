document.title = "served";
