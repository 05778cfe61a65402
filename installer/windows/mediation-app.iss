; Inno Setup 6 script: the Windows installer for the one-folder bundle dist\mediation-app\.
; Build on Windows (see installer\README.md), in the project folder:
;   python installer\build.py
;   python installer\windows\get_chinese_messages.py
;   iscc /DAppVersion=<version in pyproject.toml> installer\windows\mediation-app.iss
; Output: dist\mediation-app-<version>-setup.exe
;
; What it does: installs the bundle into Program Files (or, for a user without administrator
; rights who chooses so, into their own programs folder), adds a Start-menu entry and a desktop
; shortcut, registers an uninstaller, and on an upgrade replaces the program files only. It speaks
; Simplified Chinese (the Inno Setup project's translation, ChineseSimplified.isl beside this
; script); English stays available with /LANG=english.
;
; What it never touches: the application's data. The database, attachments, backups and logs
; live in the user's data folder, %LOCALAPPDATA%\LichengMediation\mediation-app (platformdirs'
; user_data_dir, see mediation_app/paths.py), and the client's window settings in the registry
; under HKCU\Software\LichengMediation\mediation-app. No section below names either location,
; so installing, upgrading and uninstalling leave them as they are.
;
; One version: pyproject.toml's. build.py writes it into the executables' version resource; this
; script refuses to compile without /DAppVersion, or with one the executable does not carry.
;
; This file is UTF-8 with a byte-order mark (Inno Setup reads the Chinese names as Unicode).

; 6.5: the version the Chinese messages are written for (and 6.3 introduced x64compatible).
#if VER < EncodeVer(6,5,0)
  #error Inno Setup 6.5 or later is needed (https://jrsoftware.org/isdl.php).
#endif

#ifndef AppVersion
  #error AppVersion is not defined: compile with ISCC /DAppVersion=<the version in pyproject.toml> (see installer\README.md).
#endif

#define AppName "物业纠纷调处"
#define AppNameEnglish "Property Dispute Mediation"
#define AppPublisher "荔城区物业纠纷调处中心"
#define AppExe "mediation-app.exe"
; ISPP resolves paths itself: anchor them at this script's folder.
#define Here AddBackslash(SourcePath)
#define Bundle Here + "..\..\dist\mediation-app"
#define ChineseMessages Here + "ChineseSimplified.isl"
#define BundleExe AddBackslash(Bundle) + AppExe

#if !FileExists(BundleExe)
  #error The bundle is not built: run python installer\build.py first.
#endif
#define ExeVersion GetStringFileInfo(BundleExe, "ProductVersion")
#if ExeVersion != AppVersion
  #error /DAppVersion does not match the version of dist\mediation-app\mediation-app.exe: rebuild the bundle (python installer\build.py) or pass the version in pyproject.toml.
#endif
#define ExeVersionNumbers GetVersionNumbersString(BundleExe)

#if !FileExists(ChineseMessages)
  #error ChineseSimplified.isl is missing beside this script: run python installer\windows\get_chinese_messages.py first.
#endif

[Setup]
; The AppId identifies the program across versions: never change it, or an upgrade would install
; a second copy beside the first. (The doubled brace is how Inno Setup writes a literal "{".)
AppId={{D17B9712-1D8C-4C8E-A672-8122DBF5865F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
; The setup program's own version resource: the executable's numbers, the same version.
VersionInfoVersion={#ExeVersionNumbers}
; {autopf}: Program Files for an administrator's install, the user's own programs folder otherwise.
DefaultDirName={autopf}\MediationApp
; Upgrades go where the previous version is, without asking again.
UsePreviousAppDir=yes
DisableProgramGroupPage=yes
; Installing for all users needs an administrator; the dialog lets someone without those rights
; install for themselves instead.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6 needs 64-bit Windows 10 1809 (build 17763) or later; the bundle is built by a 64-bit Python.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running client is asked to close (Windows Restart Manager) before its files are replaced.
CloseApplications=yes
RestartApplications=no
; Chinese, the first language below, whatever the language of Windows; no language question.
LanguageDetectionMethod=none
ShowLanguageDialog=no
OutputDir=..\..\dist
OutputBaseFilename=mediation-app-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\mediation-app.ico
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; What "Apps and features" shows for the uninstaller.
UninstallDisplayName={#AppName} {#AppVersion}
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
; The first entry is the default (LanguageDetectionMethod=none above).
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
; Checked by default: the service-hall staff start the client from the desktop.
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade first removes the previous version's program libraries, so no file of the old bundle
; (a module since renamed or dropped) stays beside the new one. Only the program folder {app}.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole bundle: both executables (mediation-app.exe without a console for the client,
; mediation-app-cli.exe with one for the commands) and _internal\ with Python, Qt and resources.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; {autoprograms} and {autodesktop}: all users' Start menu and desktop for an administrator's
; install, the user's own otherwise. The shortcuts show the executable's icon (the centre's seal).
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppNameEnglish}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppNameEnglish}"; Tasks: desktopicon

[Run]
; Offer to start the client at the end (not in a silent install). With postinstall, Inno Setup
; starts it as the user who ran Setup, not elevated, so its data goes to that user's folder.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python may have left compiled files (__pycache__) next to the bundled migrations if the client
; ever ran with write access to the program folder; remove the program's own folder completely.
; This is {app} only, never the data folder.
Type: filesandordirs; Name: "{app}\_internal"
