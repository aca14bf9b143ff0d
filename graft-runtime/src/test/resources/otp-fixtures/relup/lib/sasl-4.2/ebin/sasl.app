{application,sasl,
             [{description,"A Graft relup fixture"},
              {vsn,"4.2"},
              {modules,[]},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
