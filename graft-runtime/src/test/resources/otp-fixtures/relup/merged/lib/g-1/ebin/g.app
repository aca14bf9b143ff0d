{application,g,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['g.M']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
