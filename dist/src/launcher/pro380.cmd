@echo off
rem pro380 for Windows: the jar in lib\ on an installed Java 17 or newer (JAVA_HOME if set).
rem Serial ports are named as Windows names them: pro380 read --serial COM3
setlocal
set "PRO380_JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "PRO380_JAVA=%JAVA_HOME%\bin\java.exe"
"%PRO380_JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo pro380: no Java runtime found; install Java 17 or newer, for example from https://adoptium.net 1>&2
  exit /b 2
)
rem the JVM settings of jvm.sh (the Linux launchers), without the class-data archive;
rem PRO380_TIER: the compilers' setting of the command (C1 only for bridge, smaller inlining for twin)
set "PRO380_TIER="
if /i "%~1"=="bridge" set "PRO380_TIER=-XX:TieredStopAtLevel=1"
if /i "%~1"=="twin" set "PRO380_TIER=-XX:FreqInlineSize=100"
"%PRO380_JAVA%" -XX:+UseSerialGC -Xms8m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -Xss512k -XX:ReservedCodeCacheSize=64m %PRO380_TIER% %PRO380_JAVA_OPTS% -jar "%~dp0lib\pro380.jar" %*
exit /b %ERRORLEVEL%
