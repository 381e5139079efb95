# Build Kaika's Windows bundle and installer on a Windows 10/11 x64 PC or CI runner
# (docs/installing.md, "Building the Windows installer"; .github/workflows/windows.yml runs it).
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 [-Python py] [-SkipSmoke]
#
# Makes dist\kaika (the bundle: kaika.exe for the command line, kaika-till.exe for the till
# window), dist\kaika-camera (the optional camera part) and dist\kaika-<version>-setup.exe.
# Needs: Python 3.11 x64 (python.org or `winget install Python.Python.3.11`) and NSIS 3
# (`winget install NSIS.NSIS` or `choco install nsis`).
param(
    [string]$Python = "py",
    [switch]$SkipSmoke
)
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")

function Invoke-Checked {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "failed ($LASTEXITCODE): $Exe $($Arguments -join ' ')" }
}

# 1. A virtual environment with the pinned versions the Linux tests passed with.
$pyArgs = @()
if ($Python -eq "py") { $pyArgs = @("-3.11") }
if (-not (Test-Path ".venv-win\Scripts\python.exe")) {
    Invoke-Checked $Python ($pyArgs + @("-m", "venv", ".venv-win"))
}
$venvPy = (Resolve-Path ".venv-win\Scripts\python.exe").Path
Invoke-Checked $venvPy @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Checked $venvPy @("-m", "pip", "install", "--quiet", "-c", "requirements.lock", "-e", ".[dev]")

# 2. Compiled translations (the bundle carries .qm files; nothing is compiled at run time).
Invoke-Checked $venvPy @("-m", "scripts.build_translations")

# 3. The bundle: dist\kaika with kaika.exe and kaika-till.exe.
Invoke-Checked $venvPy @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller", "installer\kaika.spec")

# 4. The optional camera part: the pinned OpenCV and numpy for the bundle's Python.
$pins = Select-String -Path requirements.lock -Pattern '^(opencv-python-headless|numpy)==' |
    ForEach-Object { $_.Line }
if (Test-Path "dist\kaika-camera") { Remove-Item -Recurse -Force "dist\kaika-camera" }
Invoke-Checked $venvPy (@("-m", "pip", "install", "--quiet", "--no-deps", "--only-binary=:all:",
    "--target", "dist\kaika-camera") + $pins)

# 5. A smoke test from the bundle, with data outside it (the install folder is read-only).
if (-not $SkipSmoke) {
    $data = Join-Path $env:TEMP ("kaika-smoke-" + [guid]::NewGuid())
    New-Item -ItemType Directory $data | Out-Null
    $kaika = (Resolve-Path "dist\kaika\kaika.exe").Path
    $env:QT_QPA_PLATFORM = "offscreen"
    [Console]::OutputEncoding = [Text.Encoding]::UTF8  # kaika.exe writes UTF-8 (kaika.spec)
    Invoke-Checked $kaika @("--help")
    Invoke-Checked $kaika @("init", "--db", "$data\store.sqlite3")
    Invoke-Checked $kaika @("verify", "--db", "$data\store.sqlite3")
    $demo = & $kaika demo --db "$data\demo.sqlite3" | Out-String
    if ($LASTEXITCODE -ne 0 -or $demo -notmatch "打印 成功") { throw "kaika demo did not print:`n$demo" }
    Invoke-Checked $kaika @("verify", "--db", "$data\demo.sqlite3")
    Remove-Item Env:\QT_QPA_PLATFORM
    Remove-Item -Recurse -Force $data
}

# 6. The installer.
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
if (-not (Test-Path $makensis)) { throw "makensis not found: install NSIS 3 (winget install NSIS.NSIS)" }
$version = & $venvPy -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
$bundle = (Resolve-Path "dist\kaika").Path
$camera = (Resolve-Path "dist\kaika-camera").Path
$setup = Join-Path (Resolve-Path "dist").Path "kaika-$version-setup.exe"
Invoke-Checked $makensis @("/INPUTCHARSET", "UTF8", "/DBUNDLE_DIR=$bundle", "/DCAMERA_DIR=$camera",
    "/DVERSION=$version", "/DOUTFILE=$setup", "installer\windows\kaika.nsi")
Write-Host "built $setup"
