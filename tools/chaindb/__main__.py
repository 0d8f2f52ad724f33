from chaindb.cli import main

raise SystemExit(main())
