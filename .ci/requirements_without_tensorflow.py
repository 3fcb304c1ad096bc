"""Print the project's requirements (with the jax and test extras) minus TensorFlow."""

import tomllib

with open("pyproject.toml", "rb") as file:
    project = tomllib.load(file)["project"]
extras = project["optional-dependencies"]
for requirement in [*project["dependencies"], *extras["jax"], *extras["test"]]:
    if not requirement.startswith("tensorflow"):
        print(requirement)
