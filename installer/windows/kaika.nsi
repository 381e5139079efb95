; Kaika's Windows installer: the PyInstaller bundle (dist\kaika) installed for every user of
; the till PC. Built by installer\windows\build.ps1 (docs/installing.md); the tests build it
; with Debian's makensis over a stand-in bundle (tests/integration/test_windows_installer.py).
;
;   makensis /INPUTCHARSET UTF8 /DBUNDLE_DIR=dist\kaika [/DCAMERA_DIR=dist\kaika-camera]
;            [/DVERSION=0.1.0] [/DOUTFILE=dist\kaika-setup.exe] installer\windows\kaika.nsi
;
; Programs go to Program Files (read-only for cashiers: Kaika writes nothing there at run
; time); the store database, its key file and backups go to the machine's program-data
; folder (C:\ProgramData\Kaika), shared by every cashier's Windows account. The uninstaller
; removes the programs and shortcuts and keeps the store data: a store's sales and members
; are not the installer's to delete.

Unicode true
SetCompressor /SOLID lzma

!ifndef BUNDLE_DIR
  !error "BUNDLE_DIR is not defined: makensis /DBUNDLE_DIR=path\to\dist\kaika kaika.nsi"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "kaika-${VERSION}-setup.exe"
!endif

!define APP "Kaika"
!define APP_ZH "开卡收银"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Kaika"
!define ENV_KEY "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"

!include "MUI2.nsh"
!include "x64.nsh"

Name "${APP_ZH} ${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin  ; per machine: Program Files, ProgramData, all users' Start menu
ShowInstDetails show

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Kaika needs 64-bit Windows 10 or 11. / 开卡收银需要 64 位 Windows 10 或 11。"
    Abort
  ${EndIf}
  SetShellVarContext all  ; $SMPROGRAMS and $APPDATA are the all-users ones
  SetRegView 64
FunctionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
FunctionEnd

Section "Kaika" SecMain
  SectionIn RO
  ; An upgrade replaces the programs whole: files a newer version dropped must not linger.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*.*"

  ; Store data for every cashier's account: C:\ProgramData\Kaika, writable by Users.
  CreateDirectory "$APPDATA\${APP}"
  nsExec::ExecToLog 'icacls "$APPDATA\${APP}" /grant *S-1-5-32-545:(OI)(CI)M'
  Pop $0
  ; Every `kaika` command and the till find the store database there.
  WriteRegExpandStr HKLM "${ENV_KEY}" "KAIKA_DB" "$APPDATA\${APP}\store.sqlite3"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000

  CreateDirectory "$SMPROGRAMS\${APP_ZH}"
  CreateShortcut "$SMPROGRAMS\${APP_ZH}\${APP_ZH}.lnk" "$INSTDIR\kaika-till.exe" "" \
    "$INSTDIR\kaika-till.exe" 0
  CreateShortcut "$SMPROGRAMS\${APP_ZH}\${APP_ZH} 示范店 (Demo).lnk" "$INSTDIR\kaika-till.exe" \
    "--demo" "$INSTDIR\kaika-till.exe" 0
  CreateShortcut "$SMPROGRAMS\${APP_ZH}\${APP} 命令行 (Command prompt).lnk" "$SYSDIR\cmd.exe" \
    '/k "set PATH=$INSTDIR;%PATH% && kaika --help"' "$INSTDIR\kaika.exe" 0
  CreateShortcut "$SMPROGRAMS\${APP_ZH}\数据文件夹 (Store data).lnk" "$APPDATA\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP_ZH}\卸载 (Uninstall).lnk" "$INSTDIR\uninstall.exe"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_ZH} ${APP}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${APP}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\kaika.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

!ifdef CAMERA_DIR
; OpenCV and numpy (~150 MB): only for a webcam used as a code scanner.
Section /o "Camera scanning (OpenCV)" SecCamera
  RMDir /r "$INSTDIR\camera"
  SetOutPath "$INSTDIR\camera"
  File /r "${CAMERA_DIR}\*.*"
SectionEnd
!endif

Section "Uninstall"
  ; Programs and shortcuts only: $APPDATA\Kaika (the store database, key file, backups)
  ; stays, so a reinstall or a newer version finds the store as it was.
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\camera"
  Delete "$INSTDIR\kaika.exe"
  Delete "$INSTDIR\kaika-till.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  RMDir /r "$SMPROGRAMS\${APP_ZH}"
  DeleteRegValue HKLM "${ENV_KEY}" "KAIKA_DB"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
