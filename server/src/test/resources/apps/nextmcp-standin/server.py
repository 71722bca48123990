from nextmcp import NextMCP

app = NextMCP("greeter", description="Greets people")


@app.tool()
def greet(name: str) -> str:
    """Greets someone by name"""
    return f"Hello, {name}!"


@app.tool()
def add(a: float, b: float) -> str:
    """Adds two numbers"""
    return str(a + b)


if __name__ == "__main__":
    app.run()
