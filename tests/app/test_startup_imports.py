"""What the app imports before its first frame: not the chart's pyqtgraph, nor the modules of panels hidden
at start (they load when the panel is first built), nor the back office window's, nor httpx's command line."""

import subprocess
import sys

LATER = [
    "pyqtgraph",
    "app.viewmodels.chart",
    "app.viewmodels.strategies",
    "app.viewmodels.journal",
    "widgets.back_office.window",  # the back office window and its view-models: when first opened
    "app.viewmodels.back_office",
    "app.viewmodels.back_office_tools",
]


def test_the_composition_root_imports_no_chart_and_no_hidden_panel() -> None:
    probe = "import sys, app.composition; print(' '.join(sorted(set(sys.argv[1:]) & set(sys.modules))))"
    out = subprocess.run(
        [sys.executable, "-c", probe, *LATER], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == []


def test_the_app_starts_without_httpx_s_command_line_client_and_httpx_still_works() -> None:
    probe = (
        "import sys\nfrom app.__main__ import without_httpx_cli\nwithout_httpx_cli()\n"
        "import app.composition\n"
        "import httpx\n"
        "answer = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(204))).get('http://x/')\n"
        "print(answer.status_code, *sorted({'rich', 'click', 'pygments'} & set(sys.modules)))"
    )
    command = [sys.executable, "-c", probe]
    run = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    assert run.stdout.split() == ["204"]
