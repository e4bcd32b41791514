"""``coach config path|show|init``."""

from __future__ import annotations

import argparse
import os

import tomli_w

from coach import config as config_mod
from coach.errors import ConfigError
from coach.paths import private_dir
from coach.session import Session


def run_config(session: Session, args: argparse.Namespace) -> int:
    path = session.paths.config
    if args.config_command == "path":
        print(path)
    elif args.config_command == "show":
        from coach.config import analytics_params  # validates [analytics] too

        origin = f"from {path}" if path.exists() else f"defaults; no file at {path}"
        effective = config_mod.to_mapping(session.config)
        effective["analytics"] = analytics_params(session.config).to_dict()
        print(f"# effective configuration ({origin})")
        print(tomli_w.dumps(effective).rstrip("\n"))
    else:
        from coach.analytics.params import Params

        private_dir(path.parent)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise ConfigError(f"{path}: a config file exists already; it was left as it is") from None
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(config_mod.template(analytics_defaults=Params().to_dict()))
        print(f"Wrote a commented default config to {path}")
    return 0
