; Inno Setup 6 script: the Windows installer for the one-folder bundle dist\mediation-app\.
; Build on Windows (see installer\README.md):
;   python installer\build.py
;   iscc /DAppVersion=0.1.0 installer\windows\mediation-app.iss
; Output: dist\mediation-app-<version>-setup.exe
;
; What it does: installs the bundle into Program Files (or, for a user without administrator
; rights who chooses so, into their own programs folder), adds a Start-menu entry and a desktop
; shortcut, registers an uninstaller, and on an upgrade replaces the program files only.
;
; What it never touches: the application's data. The database, attachments, backups and logs
; live in the user's data folder, %LOCALAPPDATA%\LichengMediation\mediation-app (platformdirs'
; user_data_dir, see mediation_app/paths.py), and the client's window settings in the registry
; under HKCU\Software\LichengMediation\mediation-app. No section below names either location,
; so installing, upgrading and uninstalling leave them as they are.
;
; This file is UTF-8 with a byte-order mark (Inno Setup needs the mark to read the Chinese names).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "物业纠纷调处"
#define AppNameEnglish "Property Dispute Mediation"
#define AppPublisher "荔城区物业纠纷调处中心"
#define AppExe "mediation-app.exe"
#define Bundle "..\..\dist\mediation-app"

[Setup]
; The AppId identifies the program across versions: never change it, or an upgrade would install
; a second copy beside the first. (The doubled brace is how Inno Setup writes a literal "{".)
AppId={{D17B9712-1D8C-4C8E-A672-8122DBF5865F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
; {autopf}: Program Files for an administrator's install, the user's own programs folder otherwise.
DefaultDirName={autopf}\MediationApp
; Upgrades go where the previous version is, without asking again.
UsePreviousAppDir=yes
DisableProgramGroupPage=yes
; Installing for all users needs an administrator; the dialog lets someone without those rights
; install for themselves instead.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6 needs 64-bit Windows 10 or later; the bundle is built by a 64-bit Python.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running client is asked to close (Windows Restart Manager) before its files are replaced.
CloseApplications=yes
RestartApplications=no
OutputDir=..\..\dist
OutputBaseFilename=mediation-app-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; What "Apps and features" shows for the uninstaller.
UninstallDisplayName={#AppName} {#AppVersion}
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; The Simplified Chinese messages are an unofficial Inno Setup translation: used when the file
; has been put into Inno Setup's Languages folder (see installer\README.md), else English only.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

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
; install, the user's own otherwise.
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
