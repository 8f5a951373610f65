import MarginScopeCLI
MarginScope.main()
