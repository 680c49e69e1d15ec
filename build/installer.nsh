; NSIS hooks for the installer of the app (productName in package.json), included through
; package.json build.nsis.include. electron-builder inserts each macro defined here at the
; matching point of its own script. ASCII only: NSIS may read an include in the system code page.

!macro customInit
  ; Nothing to migrate yet: the app keeps its data (IndexedDB) in the user's profile, not in
  ; the installation folder, so installing over an older version keeps every inspection.
!macroend

!macro customInstall
  DetailPrint "Installed to $INSTDIR"
!macroend

!macro customUnInstall
  ; Deliberately keeps %APPDATA%\<productName>: inspections and rectification ledgers live
  ; there and must survive an uninstall or reinstall. Users delete it themselves if they wish.
  DetailPrint "User data in $APPDATA was kept"
!macroend
